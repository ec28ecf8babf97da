import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import {
  buildings,
  compounds,
  conventionBallots,
  conventionRoll,
  conventions,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { newInviteCode } from '../lib/crypto'
import { runBatch, type BatchStatement } from '../lib/db'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { DAY, now } from '../lib/time'
import { assertCommitteeOf, assertStaffOf } from '../identity/authz'
import {
  decide,
  m2,
  tallyBallots,
  type DecisionRule,
  type Option,
  type Share,
} from './decision-rules'
import {
  eventExists,
  eventIfChangedStatement,
  householdsInScope,
  loadConvention,
  loadVisibleConvention,
  type ConventionRow,
} from './repo'
import { canTransition, illegalTransition, notInState, TRANSITIONS } from './transitions'

type Actor = SessionUser | null

const DEFAULT_SHARES: Record<DecisionRule, { quorum: Share; approval: Share }> = {
  simple: { quorum: { num: 1, den: 2 }, approval: { num: 1, den: 2 } },
  household: { quorum: { num: 1, den: 2 }, approval: { num: 1, den: 2 } },
  civil_code_ordinary: { quorum: { num: 2, den: 3 }, approval: { num: 1, den: 2 } },
  civil_code_major: { quorum: { num: 2, den: 3 }, approval: { num: 3, den: 4 } },
}

/** The keyed hash that identifies a voter's ballot row without storing who they are. */
async function ballotKey(secret: string, conventionId: string, voterKey: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign(
    'HMAC',
    key,
    new TextEncoder().encode(`${conventionId}:${voterKey}`),
  )
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Opens voting: fixes the roll from the scope at this instant — residents (simple) or every
 * household with its floor area (other rules) — in the same batch as the state change.
 */
export async function openVoting(
  db: Db,
  actor: Actor,
  id: string,
  input: {
    rule: DecisionRule
    closesAt: number
    quorum?: Share
    approval?: Share
    representativeOnly: boolean
  },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const committee = await assertCommitteeOf(db, actor, c.communityId)
  if (!canTransition('open_voting', c.status)) throw illegalTransition('open_voting', c.status)
  const at = now()
  if (input.closesAt <= at + 60 * 60 * 1000)
    throw new AppError('VALIDATION_FAILED', '表决截止时间应至少在一小时之后')
  if (input.closesAt > at + 60 * DAY)
    throw new AppError('VALIDATION_FAILED', '表决期不能超过 60 天')
  const civil = input.rule === 'civil_code_ordinary' || input.rule === 'civil_code_major'
  if (civil && (input.quorum || input.approval))
    throw new AppError('VALIDATION_FAILED', '民法典规则的比例由法律规定，不能修改')
  const shares = {
    quorum: input.quorum ?? DEFAULT_SHARES[input.rule].quorum,
    approval: input.approval ?? DEFAULT_SHARES[input.rule].approval,
  }
  const perResident = input.rule === 'simple'
  const eventId = newId()
  // Only the request whose state change landed writes the roll (a concurrent second opening
  // would otherwise collide with the first one's roll rows).
  const opened = sql`EXISTS (SELECT 1 FROM convention_events WHERE id = ${eventId})`
  const rollInsert = perResident
    ? // One vote per verified resident in scope; someone living in two households of the scope votes once.
      db.run(sql`
        INSERT INTO convention_roll (convention_id, voter_key, household_id, building_id, floor_area_dm2)
        SELECT ${id}, 'u:' || r.user_id, MIN(h.id), MIN(h.building_id), 0
        FROM residencies r JOIN households h ON h.id = r.household_id
        WHERE r.status = 'verified' AND ${scopeSql(c)} AND ${opened}
        GROUP BY r.user_id`)
    : db.run(sql`
        INSERT INTO convention_roll (convention_id, voter_key, household_id, building_id, floor_area_dm2)
        SELECT ${id}, 'h:' || h.id, h.id, h.building_id, h.floor_area_dm2 FROM households h WHERE ${scopeSql(c)} AND ${opened}`)
  await runBatch(db, [
    db
      .update(conventions)
      .set({
        status: 'voting',
        rule: input.rule,
        quorumNum: shares.quorum.num,
        quorumDen: shares.quorum.den,
        approvalNum: shares.approval.num,
        approvalDen: shares.approval.den,
        representativeOnly: input.representativeOnly,
        votingVersion: c.currentVersion,
        votingOpensAt: at,
        votingClosesAt: input.closesAt,
        updatedAt: at,
      })
      .where(
        and(
          eq(conventions.id, id),
          inArray(conventions.status, [...TRANSITIONS.open_voting.from]),
          // The vote is on the version the committee saw: a revision landing meanwhile stops it.
          eq(conventions.currentVersion, c.currentVersion),
        ),
      ),
    eventIfChangedStatement(
      db,
      eventId,
      {
        conventionId: id,
        kind: 'voting_opened',
        actorUserId: committee.id,
        actorRole: 'committee',
      },
      at,
    ),
    auditIfChangedStatement(db, {
      communityId: c.communityId,
      actorUserId: committee.id,
      action: 'convention.open_voting',
      targetType: 'convention',
      targetId: id,
      before: { status: c.status },
      after: {
        status: 'voting',
        rule: input.rule,
        shares,
        closesAt: input.closesAt,
        version: c.currentVersion,
      },
    }),
    rollInsert,
    db.run(sql`
      UPDATE conventions SET
        roll_voters = (SELECT COUNT(*) FROM convention_roll WHERE convention_id = ${id}),
        roll_area_dm2 = (SELECT COALESCE(SUM(floor_area_dm2), 0) FROM convention_roll WHERE convention_id = ${id})
      WHERE id = ${id} AND EXISTS (SELECT 1 FROM convention_events WHERE id = ${eventId})`),
  ])
  if (!(await eventExists(db, eventId))) {
    const current = await loadConvention(db, id)
    if (canTransition('open_voting', current.status))
      throw new AppError('CONFLICT', '条文刚被修改过，请确认最新版本后再开始表决')
    throw illegalTransition('open_voting', current.status)
  }
}

/** The scope as raw SQL over `households h` (for INSERT … SELECT). */
function scopeSql(c: ConventionRow) {
  const ids = JSON.parse(c.scopeIdsJson) as string[]
  const list = sql.join(
    ids.map((x) => sql`${x}`),
    sql`, `,
  )
  if (c.scopeType === 'buildings')
    return sql`h.community_id = ${c.communityId} AND h.building_id IN (${list})`
  if (c.scopeType === 'compounds')
    return sql`h.community_id = ${c.communityId} AND h.building_id IN (SELECT id FROM buildings WHERE compound_id IN (${list}))`
  return sql`h.community_id = ${c.communityId}`
}

/** Which roll entry the user votes for: themselves (simple) or their household. */
async function voterKeyOf(db: Db, user: SessionUser, c: ConventionRow): Promise<string> {
  if (c.rule === 'simple') {
    const entry = await db
      .select({ key: conventionRoll.voterKey })
      .from(conventionRoll)
      .where(
        and(eq(conventionRoll.conventionId, c.id), eq(conventionRoll.voterKey, `u:${user.id}`)),
      )
      .get()
    if (!entry)
      throw new AppError('FORBIDDEN', '您不在本次表决的居民名册中（名册在表决开始时确定）')
    return entry.key
  }
  const mine = await householdsInScope(db, user.id, c)
  const eligible = c.representativeOnly ? mine.filter((h) => h.isRepresentative) : mine
  if (mine.length === 0) throw new AppError('FORBIDDEN', '您不是适用范围内的认证居民，不能参与表决')
  if (eligible.length === 0)
    throw new AppError('FORBIDDEN', '本次表决由户代表投票，请与本户户代表商量')
  return `h:${eligible[0]!.householdId}`
}

const ONLINE_LOST_TO_PAPER = '本户已由工作人员登记纸质表决票，以纸质票为准'

/**
 * An online ballot. The INSERT only lands while the vote is open by the server's clock; a
 * later ballot of the same voter replaces the earlier one (the last one counts), but never a
 * paper ballot: paper recorded by staff takes precedence over online for that voter.
 */
export async function castBallot(
  db: Db,
  ballotSecret: string,
  actor: Actor,
  id: string,
  option: Option,
) {
  const c = await loadVisibleConvention(db, actor, id)
  const user = requireUser(actor)
  if (c.status !== 'voting') throw notInState('当前不在表决期', c.status)
  const voterKey = await voterKeyOf(db, user, c)
  return writeBallot(
    db,
    c,
    await ballotKey(ballotSecret, id, voterKey),
    voterKey,
    option,
    'online',
    null,
  )
}

/** Assisted entry: staff record a paper ballot for a household (or a resident under `simple`). */
export async function recordPaperBallot(
  db: Db,
  ballotSecret: string,
  actor: Actor,
  id: string,
  input: { householdId?: string; userId?: string; option: Option; paperRef: string },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const staff = await assertStaffOf(db, actor, c.communityId)
  if (c.status !== 'voting') throw notInState('当前不在表决期', c.status)
  const voterKey =
    c.rule === 'simple'
      ? input.userId
        ? `u:${input.userId}`
        : null
      : input.householdId
        ? `h:${input.householdId}`
        : null
  if (!voterKey)
    throw new AppError(
      'VALIDATION_FAILED',
      c.rule === 'simple' ? '本次表决按人计票，请选择一位居民' : '本次表决按户计票，请选择一户',
    )
  // The audit names the household and the paper, never the option (ballot secrecy); it lands in
  // the ballot's own transaction, only if the ballot did.
  const audit = auditIfChangedStatement(db, {
    communityId: c.communityId,
    actorUserId: staff.id,
    action: 'convention.paper_ballot',
    targetType: 'convention',
    targetId: id,
    after: { voter: voterKey, paperRef: input.paperRef },
  })
  return writeBallot(
    db,
    c,
    await ballotKey(ballotSecret, id, voterKey),
    voterKey,
    input.option,
    'paper',
    input.paperRef,
    audit,
  )
}

async function writeBallot(
  db: Db,
  c: ConventionRow,
  key: string,
  voterKey: string,
  option: Option,
  source: 'online' | 'paper',
  paperRef: string | null,
  paperAudit?: BatchStatement,
) {
  const receipt = newInviteCode()
  const at = now()
  const upsert = sql`
      INSERT INTO convention_ballots (convention_id, ballot_key, building_id, floor_area_dm2, option, receipt, source, paper_ref)
      SELECT ${c.id}, ${key}, r.building_id, r.floor_area_dm2, ${option}, ${receipt}, ${source}, ${paperRef}
      FROM convention_roll r
      WHERE r.convention_id = ${c.id} AND r.voter_key = ${voterKey}
        AND EXISTS (SELECT 1 FROM conventions WHERE id = ${c.id} AND status = 'voting' AND voting_opens_at <= ${at} AND voting_closes_at > ${at})
      ON CONFLICT (convention_id, ballot_key) DO UPDATE SET option = excluded.option, receipt = excluded.receipt,
        source = excluded.source, paper_ref = excluded.paper_ref
      WHERE convention_ballots.source = 'online'`
  let wrote: boolean
  if (paperAudit) {
    // Nothing replaces a paper ballot, so re-reading the row tells whether this one was written.
    await runBatch(db, [db.run(upsert), paperAudit])
    const row = await db
      .select({ receipt: conventionBallots.receipt })
      .from(conventionBallots)
      .where(and(eq(conventionBallots.conventionId, c.id), eq(conventionBallots.ballotKey, key)))
      .get()
    wrote = row?.receipt === receipt
  } else {
    // Whether this statement wrote the row is read from its own RETURNING, not by re-reading the
    // row: a later ballot of the same voter may already have replaced it (the last one counts),
    // which does not make this one refused.
    const written = await db.all<{ receipt: string }>(sql`${upsert} RETURNING receipt`)
    wrote = written.some((w) => w.receipt === receipt)
  }
  if (wrote) return { receipt, option, source }
  const stored = await db
    .select({ source: conventionBallots.source })
    .from(conventionBallots)
    .where(and(eq(conventionBallots.conventionId, c.id), eq(conventionBallots.ballotKey, key)))
    .get()
  if (stored?.source === 'paper')
    throw new AppError(
      'CONFLICT',
      source === 'paper' ? '该户已登记过纸质表决票' : ONLINE_LOST_TO_PAPER,
    )
  const inRoll = await db
    .select({ key: conventionRoll.voterKey })
    .from(conventionRoll)
    .where(and(eq(conventionRoll.conventionId, c.id), eq(conventionRoll.voterKey, voterKey)))
    .get()
  if (!inRoll) throw new AppError('VALIDATION_FAILED', '该户（或居民）不在本次表决的名册中')
  throw notInState('表决已截止，未能记录这张票', (await loadConvention(db, c.id)).status)
}

/** Receipts are printed "ABCD-EFGH"; residents may type them in lower case, without the dash. */
function normalizeReceipt(input: string): string {
  const chars = input.toUpperCase().replace(/[^0-9A-Z]/g, '')
  return chars.length === 8 ? `${chars.slice(0, 4)}-${chars.slice(4)}` : chars
}

/** Whether the user may cast a ballot now: on the roll (and the representative, where required). */
export async function mayVote(db: Db, user: SessionUser, c: ConventionRow): Promise<boolean> {
  if (c.status !== 'voting') return false
  try {
    await voterKeyOf(db, user, c)
    return true
  } catch {
    return false
  }
}

/** Whether the viewer's roll entry has a counted ballot (never which option). */
export async function hasVoted(
  db: Db,
  ballotSecret: string,
  user: SessionUser,
  c: ConventionRow,
): Promise<boolean> {
  try {
    const key = await ballotKey(ballotSecret, c.id, await voterKeyOf(db, user, c))
    return Boolean(
      await db
        .select({ k: conventionBallots.ballotKey })
        .from(conventionBallots)
        .where(and(eq(conventionBallots.conventionId, c.id), eq(conventionBallots.ballotKey, key)))
        .get(),
    )
  } catch {
    return false
  }
}

/** The public turnout meter: counts only, by building; never options while voting runs. */
export async function turnout(db: Db, actor: Actor, id: string) {
  const c = await loadVisibleConvention(db, actor, id)
  if (!c.rule || c.votingOpensAt === null) throw notInState('表决尚未开始', c.status)
  const [roll, cast, names] = await Promise.all([
    db
      .select({ buildingId: conventionRoll.buildingId, n: sql<number>`COUNT(*)` })
      .from(conventionRoll)
      .where(eq(conventionRoll.conventionId, id))
      .groupBy(conventionRoll.buildingId),
    db
      .select({
        buildingId: conventionBallots.buildingId,
        n: sql<number>`COUNT(*)`,
        area: sql<number>`SUM(${conventionBallots.floorAreaDm2})`,
      })
      .from(conventionBallots)
      .where(eq(conventionBallots.conventionId, id))
      .groupBy(conventionBallots.buildingId),
    db
      .select({ id: buildings.id, name: sql<string>`${compounds.name} || ${buildings.name}` })
      .from(buildings)
      .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
      .where(eq(buildings.communityId, c.communityId))
      .orderBy(asc(buildings.sortOrder)),
  ])
  const eligible = c.rollVoters ?? 0
  const castCount = cast.reduce((n, b) => n + b.n, 0)
  const castArea = cast.reduce((n, b) => n + b.area, 0)
  const unit = c.rule === 'simple' ? ('人' as const) : ('户' as const)
  const quorum = { num: c.quorumNum ?? 1, den: c.quorumDen ?? 2 }
  // Smallest count reaching the share: ceil(eligible × num / den), in integers.
  const needed = Math.ceil((eligible * quorum.num) / quorum.den)
  const remaining = Math.max(0, needed - castCount)
  const civil = c.rule === 'civil_code_ordinary' || c.rule === 'civil_code_major'
  const areaNeeded = civil ? Math.ceil(((c.rollAreaDm2 ?? 0) * 2) / 3) : 0
  const areaRemaining = civil ? Math.max(0, areaNeeded - castArea) : null
  const summary =
    remaining > 0 || (areaRemaining ?? 0) > 0
      ? `已有 ${castCount} ${unit}参与表决，还差 ${remaining} ${unit}${areaRemaining ? `（及 ${m2(areaRemaining)} 专有面积）` : ''}达到有效表决`
      : `已有 ${castCount} ${unit}参与表决，已达到有效表决所需的参与${civil ? '人数和面积' : '人数'}`
  return {
    unit,
    eligible,
    cast: castCount,
    remainingForValidity: remaining,
    areaRemainingM2: areaRemaining === null ? null : m2(areaRemaining).replace(' m²', ''),
    summary,
    byBuilding: roll.map((r) => ({
      buildingId: r.buildingId,
      buildingName: names.find((b) => b.id === r.buildingId)?.name ?? '',
      eligible: r.n,
      cast: cast.find((x) => x.buildingId === r.buildingId)?.n ?? 0,
    })),
  }
}

/**
 * Closes a vote whose window has passed (by the server's clock), then tallies the stored
 * ballots. The close is a conditional UPDATE: after it, no ballot can land (castBallot's INSERT
 * requires status = 'voting'), so the tally is final and equals any recount.
 */
export async function closeVoting(db: Db, actor: Actor | 'system', id: string) {
  const c =
    actor === 'system' ? await loadConvention(db, id) : await loadVisibleConvention(db, actor, id)
  const closer = actor === 'system' ? null : await assertCommitteeOf(db, actor, c.communityId)
  const at = now()
  if (c.status === 'voting' && c.votingClosesAt !== null && at < c.votingClosesAt) {
    throw notInState('表决期尚未结束，不能提前关闭', c.status, 'close_voting')
  }
  if (c.status === 'voting') {
    await runBatch(db, [
      db
        .update(conventions)
        .set({ status: 'closed', closedAt: at, updatedAt: at })
        .where(
          and(
            eq(conventions.id, id),
            eq(conventions.status, 'voting'),
            lte(conventions.votingClosesAt, at),
          ),
        ),
      eventIfChangedStatement(
        db,
        newId(),
        {
          conventionId: id,
          kind: 'voting_closed',
          actorUserId: closer?.id ?? null,
          actorRole: closer ? 'committee' : 'system',
        },
        at,
      ),
    ])
  }
  const closed = await loadConvention(db, id)
  if (closed.status !== 'closed') throw illegalTransition('close_voting', closed.status)
  if (closed.resultJson === null) await writeResult(db, closed)
}

async function writeResult(db: Db, c: ConventionRow) {
  const ballots = await db
    .select({ option: conventionBallots.option, areaDm2: conventionBallots.floorAreaDm2 })
    .from(conventionBallots)
    .where(eq(conventionBallots.conventionId, c.id))
  const rule = c.rule!
  const tally = tallyBallots(ballots, { voters: c.rollVoters ?? 0, areaDm2: c.rollAreaDm2 ?? 0 })
  const decision = decide(rule, tally, {
    quorum: { num: c.quorumNum!, den: c.quorumDen! },
    approval: { num: c.approvalNum!, den: c.approvalDen! },
  })
  const area = (dm2: number) => m2(dm2).replace(' m²', '')
  const result = {
    rule,
    eligible: { voters: tally.eligible.voters, areaM2: area(tally.eligible.areaDm2) },
    cast: { count: tally.cast.count, areaM2: area(tally.cast.areaDm2) },
    yes: { count: tally.yes.count, areaM2: area(tally.yes.areaDm2) },
    no: { count: tally.no.count, areaM2: area(tally.no.areaDm2) },
    abstain: { count: tally.abstain.count, areaM2: area(tally.abstain.areaDm2) },
    ...decision,
  }
  await runBatch(db, [
    db
      .update(conventions)
      .set({ resultJson: JSON.stringify(result), passed: decision.passed })
      .where(and(eq(conventions.id, c.id), sql`${conventions.resultJson} IS NULL`)),
    eventIfChangedStatement(db, newId(), {
      conventionId: c.id,
      kind: decision.passed ? 'passed' : 'not_passed',
      actorUserId: null,
      actorRole: 'system',
      body: decision.decidedBy,
    }),
  ])
}

/** The scheduled handler closes every vote whose window has passed. */
export async function closeExpiredVotes(db: Db) {
  const due = await db
    .select({ id: conventions.id })
    .from(conventions)
    .where(and(eq(conventions.status, 'voting'), lte(conventions.votingClosesAt, now())))
  for (const { id } of due) await closeVoting(db, 'system', id)
  return due.length
}

/** After closing: the published list of counted receipts with their options (never who). */
export async function countedReceipts(db: Db, actor: Actor, id: string, receipt?: string) {
  const c = await loadVisibleConvention(db, actor, id)
  if (c.status === 'draft' || c.status === 'consultation' || c.status === 'voting') {
    throw notInState('表决结束后才公布计票回执', c.status)
  }
  const rows = await db
    .select({
      receipt: conventionBallots.receipt,
      option: conventionBallots.option,
      source: conventionBallots.source,
    })
    .from(conventionBallots)
    .where(
      and(
        eq(conventionBallots.conventionId, id),
        receipt ? eq(conventionBallots.receipt, normalizeReceipt(receipt)) : undefined,
      ),
    )
    .orderBy(asc(conventionBallots.receipt))
  if (receipt && rows.length === 0) throw notFound('该回执')
  return { items: rows }
}
