import { and, asc, desc, eq, ne, sql } from 'drizzle-orm'
import {
  buildings,
  communities,
  compounds,
  conventionEvents,
  conventionPledges,
  conventions,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { now } from '../lib/time'
import { holdsRole } from '../identity/authz'
import { describeRule, m2 } from './decision-rules'
import {
  canSeeDrafts,
  householdsInScope,
  loadConvention,
  loadVersion,
  loadVisibleConvention,
  scopeLabel,
  type ConventionRow,
} from './repo'
import { STATUS_LABELS } from './transitions'
import { closeVoting, rollBasisOf, rollCounting, viewerBallots } from './voting-service'
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
) {
  let c = await loadVisibleConvention(db, actor, id)
  // A vote whose window has passed is closed on first sight, not only by the cron trigger.
  if (c.status === 'voting' && c.votingClosesAt !== null && now() >= c.votingClosesAt) {
    await closeVoting(db, 'system', id)
    c = await loadConvention(db, id)
  }
  const [base, text, amends, supersededBy, events, pledgeRows, isCommittee, isStaff] =
    await Promise.all([
      summary(db, c),
      loadVersion(db, id, c.votingVersion ?? c.currentVersion),
      c.amendsId
        ? db
            .select({ id: conventions.id, v: conventions.currentVersion })
            .from(conventions)
            .where(eq(conventions.id, c.amendsId))
            .get()
        : undefined,
      db
        .select({ id: conventions.id })
        .from(conventions)
        .where(and(eq(conventions.amendsId, id), eq(conventions.status, 'in_force')))
        .get(),
      db
        .select({ e: conventionEvents, nickname: users.nickname })
        .from(conventionEvents)
        .leftJoin(users, eq(users.id, conventionEvents.actorUserId))
        .where(eq(conventionEvents.conventionId, id))
        .orderBy(asc(conventionEvents.createdAt), asc(conventionEvents.id)),
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
      holdsRole(db, actor, c.communityId, ['committee', 'admin']),
      holdsRole(db, actor, c.communityId, ['staff', 'admin']),
    ])
  const titleOf = async (other: { id: string } | undefined) => {
    if (!other) return null
    const o = await loadConvention(db, other.id)
    return { id: o.id, title: (await loadVersion(db, o.id, o.currentVersion)).title }
  }
  const inScope = actor ? (await householdsInScope(db, actor.id, c)).length > 0 : false
  const mine = actor
    ? await viewerBallots(db, ballotSecret, actor, c)
    : { ballots: [], refusal: null }
  const pledged =
    actor && c.status === 'in_force'
      ? Boolean(
          await db
            .select({ u: conventionPledges.userId })
            .from(conventionPledges)
            .where(
              and(eq(conventionPledges.conventionId, id), eq(conventionPledges.userId, actor.id)),
            )
            .get(),
        )
      : false
  const at = now()
  return {
    ...base,
    communityId: c.communityId,
    text,
    amends: await titleOf(amends),
    supersededBy: await titleOf(supersededBy),
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
