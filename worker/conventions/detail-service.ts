import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm'
import {
  buildings,
  communities,
  compounds,
  conventionEvents,
  conventionPledges,
  conventions,
  conventionVersions,
  users,
} from '../../db/schema'
import { known, mapRead, readBatch, rowRead, rowsRead, type Read } from '../lib/db'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { now } from '../lib/time'
import { holdsAny, rolesRead } from '../identity/reads'
import { describeRule, m2 } from './decision-rules'
import { canSeeDrafts, loadVersion, scopeLabel, type ConventionRow } from './repo'
import { STATUS_LABELS } from './transitions'
import {
  closeVoting,
  rollBasisOf,
  rollCounting,
  viewerBallots,
  type ViewerBallots,
} from './voting-service'
import { NOWHERE_READS, viewerRollReads, viewerRollsOf } from './viewer-roll'
import { leadersNote } from './leaders'

const EVENT_LABELS: Record<string, string> = {
  drafted: '起草',
  amendment_drafted: '起草修订版',
  revised: '修改',
  consultation_opened: '开始征求意见',
  voting_opened: '开始表决',
  voting_closed: '表决结束',
  passed: '表决通过',
  not_passed: '表决未通过',
  in_force: '备案生效',
  superseded: '被修订版取代',
  meeting_resolution: '议事会决议',
}

async function summary(db: Db, c: ConventionRow) {
  const text = await loadVersion(db, c.id, c.currentVersion)
  return {
    id: c.id,
    title: text.title,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    scopeLabel: await scopeLabel(db, c),
    currentVersion: c.currentVersion,
    consultationEndsAt: c.consultationEndsAt,
    votingClosesAt: c.votingClosesAt,
    passed: c.passed,
    updatedAt: c.updatedAt,
  }
}

export async function listConventions(db: Db, actor: SessionUser | null, communityId: string) {
  const community = await db
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.id, communityId))
    .get()
  if (!community) throw notFound('社区')
  const drafts = await canSeeDrafts(db, actor, communityId)
  const rows = await db
    .select()
    .from(conventions)
    .where(
      and(
        eq(conventions.communityId, communityId),
        drafts ? undefined : ne(conventions.status, 'draft'),
      ),
    )
    .orderBy(desc(conventions.updatedAt))
    .limit(100)
  return { items: await Promise.all(rows.map((c) => summary(db, c))) }
}

export async function getConventionDetail(
  db: Db,
  ballotSecret: string,
  actor: SessionUser | null,
  id: string,
): Promise<ReturnType<typeof conventionDetailOf>> {
  // One round trip (decision 021) for everything but whether the viewer's ballots are in
  // (voting-service), keyed by the id: the convention's own columns (version, scope, community)
  // are subqueries. Where she stands on its roll (her households in its scope, her entries)
  // comes with it; a visitor's is known without asking.
  const community = sql`(SELECT community_id FROM ${conventions} WHERE id = ${id})`
  const version = (column: SQL) => sql`(SELECT ${column} FROM ${conventions} WHERE id = ${id})`
  const [
    c,
    roles,
    current,
    text,
    scopeNames,
    amends,
    supersededBy,
    events,
    pledgeRows,
    pledged,
    ...rollRows
  ] = await readBatch(db, [
    rowRead(db.select().from(conventions).where(eq(conventions.id, id))),
    rolesRead(db, actor, community),
    versionRead(db, id, version(sql`current_version`)),
    versionRead(db, id, version(sql`COALESCE(voting_version, current_version)`)),
    scopeNamesRead(db, id),
    otherRead(db, sql`c.id = (SELECT amends_id FROM ${conventions} WHERE id = ${id})`),
    otherRead(db, sql`c.amends_id = ${id} AND c.status = 'in_force'`),
    rowsRead(
      db
        .select({ e: conventionEvents, nickname: users.nickname })
        .from(conventionEvents)
        .leftJoin(users, eq(users.id, conventionEvents.actorUserId))
        .where(eq(conventionEvents.conventionId, id))
        .orderBy(asc(conventionEvents.createdAt), asc(conventionEvents.id)),
    ),
    rowsRead(
      db
        .select({
          buildingName: sql<string>`${compounds.name} || ${buildings.name}`,
          count: sql<number>`COUNT(*)`,
        })
        .from(conventionPledges)
        .innerJoin(buildings, eq(buildings.id, conventionPledges.buildingId))
        .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
        .where(eq(conventionPledges.conventionId, id))
        .groupBy(conventionPledges.buildingId)
        .orderBy(asc(buildings.sortOrder)),
    ),
    // Whether the viewer pledged (a visitor has not: nothing is asked).
    actor
      ? mapRead(
          rowRead(
            db
              .select({ u: conventionPledges.userId })
              .from(conventionPledges)
              .where(
                and(eq(conventionPledges.conventionId, id), eq(conventionPledges.userId, actor.id)),
              ),
          ),
          Boolean,
        )
      : known(false),
    ...(actor
      ? viewerRollReads(db, actor.id, { ids: sql`(${id})`, communityId: community }, now())
      : NOWHERE_READS),
  ])
  // A draft answers like a convention that does not exist to all but those who may see drafts.
  if (!c || (c.status === 'draft' && !holdsAny(roles, ['committee', 'admin', 'staff'])))
    throw notFound('微规约')
  // A vote whose window has passed is closed on first sight, not only by the cron trigger.
  if (c.status === 'voting' && c.votingClosesAt !== null && now() >= c.votingClosesAt) {
    await closeVoting(db, 'system', id)
    return getConventionDetail(db, ballotSecret, actor, id)
  }
  if (!current || !text) throw notFound('该版本')
  const roll = viewerRollsOf(rollRows)(id)
  const mine: ViewerBallots = actor
    ? (await viewerBallots(db, ballotSecret, actor.id, [{ c, roll }]))[0]!
    : { ballots: [], refusal: null }
  return conventionDetailOf({
    c,
    base: {
      id: c.id,
      title: current.title,
      status: c.status,
      statusLabel: STATUS_LABELS[c.status],
      scopeLabel: c.scopeType === 'community' ? '全社区' : scopeNames.join('、'),
      currentVersion: c.currentVersion,
      consultationEndsAt: c.consultationEndsAt,
      votingClosesAt: c.votingClosesAt,
      passed: c.passed,
      updatedAt: c.updatedAt,
    },
    text,
    amends,
    supersededBy,
    events,
    pledgeRows,
    inScope: roll.households.length > 0,
    pledged: Boolean(actor) && c.status === 'in_force' && pledged,
    mine,
    isCommittee: holdsAny(roles, ['committee', 'admin']),
    isStaff: holdsAny(roles, ['staff', 'admin']),
  })
}

type ConventionVersion = Awaited<ReturnType<typeof loadVersion>>

/** The page from what getConventionDetail read. */
function conventionDetailOf({
  c,
  base,
  text,
  amends,
  supersededBy,
  events,
  pledgeRows,
  inScope,
  pledged,
  mine,
  isCommittee,
  isStaff,
}: {
  c: ConventionRow
  base: Awaited<ReturnType<typeof summary>>
  text: ConventionVersion
  amends: { id: string; title: string } | null
  supersededBy: { id: string; title: string } | null
  events: { e: typeof conventionEvents.$inferSelect; nickname: string | null }[]
  pledgeRows: { buildingName: string; count: number }[]
  inScope: boolean
  pledged: boolean
  mine: ViewerBallots
  isCommittee: boolean
  isStaff: boolean
}) {
  const at = now()
  return {
    ...base,
    communityId: c.communityId,
    text,
    amends,
    supersededBy,
    consultationStartsAt: c.consultationStartsAt,
    voting:
      c.rule && c.votingOpensAt !== null && c.votingClosesAt !== null
        ? {
            rule: c.rule,
            ruleDescription: describeRule(
              c.rule,
              {
                quorum: { num: c.quorumNum!, den: c.quorumDen! },
                approval: { num: c.approvalNum!, den: c.approvalDen! },
              },
              c.representativeOnly,
              rollBasisOf(c) === 'owners',
            ),
            basis: rollBasisOf(c),
            counting: rollCounting(c),
            notVotedVisibleToLeaders: c.notVotedVisibleToLeaders,
            leadersNote: leadersNote(c.notVotedVisibleToLeaders),
            opensAt: c.votingOpensAt,
            closesAt: c.votingClosesAt,
            version: c.votingVersion!,
            roll: { voters: c.rollVoters ?? 0, areaM2: m2(c.rollAreaDm2 ?? 0).replace(' m²', '') },
          }
        : null,
    // Totals by option exist only after closing.
    result: c.resultJson ? JSON.parse(c.resultJson) : null,
    filing:
      c.filingNumber && c.filingDate && c.filingAuthority && c.inForceAt
        ? {
            number: c.filingNumber,
            date: c.filingDate,
            authority: c.filingAuthority,
            inForceAt: c.inForceAt,
          }
        : null,
    pledges: { total: pledgeRows.reduce((n, r) => n + r.count, 0), byBuilding: pledgeRows },
    timeline: events.map(({ e, nickname }) => ({
      id: e.id,
      kind: e.kind,
      kindLabel: EVENT_LABELS[e.kind] ?? e.kind,
      actorLabel: e.actorRole === 'system' ? '系统' : `${nickname ?? ''}（议事会）`,
      body: e.body,
      createdAt: e.createdAt,
    })),
    viewer: {
      inScope,
      canComment:
        inScope &&
        c.status === 'consultation' &&
        (c.consultationEndsAt === null || at <= c.consultationEndsAt),
      canVote: mine.ballots.length > 0,
      hasVoted: mine.ballots.length > 0 && mine.ballots.every((b) => b.hasVoted),
      ballots: mine.ballots,
      voteRefusal: mine.refusal,
      canPledge: inScope && c.status === 'in_force' && !pledged,
      pledged,
      canManage: isCommittee,
      canRecordPaper: isStaff && c.status === 'voting',
    },
  }
}

/** One version's text (loadVersion as a read); `version` may be a subquery. Null when missing. */
function versionRead(db: Db, conventionId: string, version: SQL): Read<ConventionVersion | null> {
  return mapRead(
    rowRead(
      db
        .select()
        .from(conventionVersions)
        .where(
          and(
            eq(conventionVersions.conventionId, conventionId),
            eq(conventionVersions.version, version),
          ),
        ),
    ),
    (row) =>
      row
        ? {
            version: row.version,
            title: row.title,
            preamble: row.preamble,
            articles: JSON.parse(row.articlesJson) as string[],
            changeNote: row.changeNote,
            createdAt: row.createdAt,
          }
        : null,
  )
}

/** The names of the compounds or buildings a convention applies to, in order (repo.ts#scopeLabel). */
function scopeNamesRead(db: Db, conventionId: string): Read<string[]> {
  return {
    statement: db.all(sql`
      SELECT name FROM (
        SELECT cp.name AS name, cp.sort_order AS ord FROM ${compounds} cp, ${conventions} c
        WHERE c.id = ${conventionId} AND c.scope_type = 'compounds'
          AND cp.id IN (SELECT value FROM json_each(c.scope_ids_json))
        UNION ALL
        SELECT cp.name || b.name AS name, b.sort_order AS ord
        FROM ${buildings} b JOIN ${compounds} cp ON cp.id = b.compound_id, ${conventions} c
        WHERE c.id = ${conventionId} AND c.scope_type = 'buildings'
          AND b.id IN (SELECT value FROM json_each(c.scope_ids_json)))
      ORDER BY ord`),
    map: (rows) => rows.map((r) => String(r.name)),
  }
}

/** Another convention (the one amended, or the amendment in force) with its current title. */
function otherRead(db: Db, which: SQL): Read<{ id: string; title: string } | null> {
  return {
    statement: db.all(sql`
      SELECT c.id, v.title FROM ${conventions} c
      JOIN ${conventionVersions} v ON v.convention_id = c.id AND v.version = c.current_version
      WHERE ${which} LIMIT 1`),
    map: ([row]) => (row ? { id: String(row.id), title: String(row.title) } : null),
  }
}
