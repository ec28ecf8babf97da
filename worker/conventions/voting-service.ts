import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm'
import {
  conventionBallots,
  conventionRoll,
  conventionRollUnits,
  conventions,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { newInviteCode } from '../lib/crypto'
import { readBatch, runBatch, type BatchStatement } from '../lib/db'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { DAY, now } from '../lib/time'
import { assertCommitteeOf, assertStaffOf } from '../identity/authz'
import { assertMayActFor } from '../identity/acting'
import {
  decide,
  m2,
  tallyBallots,
  type DecisionRule,
  type Option,
  type Share,
} from './decision-rules'
import { assertTextPassed } from './drafting-service'
import {
  describeCounting,
  mayActForSql,
  ownerRefusal,
  ownerRollStatements,
  scopeOn,
  unitsWithoutTitle,
  type RollCounting,
} from './owner-roll'
import {
  eventExists,
  eventIfChangedStatement,
  loadConvention,
  loadVisibleConvention,
  type ConventionRow,
} from './repo'
import { canTransition, illegalTransition, notInState, TRANSITIONS } from './transitions'
import { turnoutRowsStatement } from './turnout'
import { viewerRollReads, viewerRollsOf, type ViewerRoll } from './viewer-roll'

type Actor = SessionUser | null

const DEFAULT_SHARES: Record<DecisionRule, { quorum: Share; approval: Share }> = {
  simple: { quorum: { num: 1, den: 2 }, approval: { num: 1, den: 2 } },
  household: { quorum: { num: 1, den: 2 }, approval: { num: 1, den: 2 } },
  civil_code_ordinary: { quorum: { num: 2, den: 3 }, approval: { num: 1, den: 2 } },
  civil_code_major: { quorum: { num: 2, den: 3 }, approval: { num: 3, den: 4 } },
}

/** The keyed hash that identifies a voter's ballot row without storing who they are. */
export async function ballotKey(
  secret: string,
  conventionId: string,
  voterKey: string,
): Promise<string> {
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

/** Who a rule's roll counts (decision 011: the Civil Code rules count 业主). */
export function rollBasisFor(rule: DecisionRule): 'residents' | 'households' | 'owners' {
  if (rule === 'simple') return 'residents'
  return rule === 'household' ? 'households' : 'owners'
}

/** The basis of a convention's roll; votes opened before migration 0007 carry theirs too. */
export function rollBasisOf(c: ConventionRow): 'residents' | 'households' | 'owners' {
  return c.rollBasis ?? (c.rule === 'simple' ? 'residents' : 'households')
}

/**
 * Opens voting: fixes the roll from the scope at this instant — residents (simple), every
 * household with its floor area (household), or the owners as the law counts them (the Civil
 * Code rules, owner-roll.ts) — in the same batch as the state change.
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
    notVotedVisibleToLeaders?: boolean
  },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const committee = await assertCommitteeOf(db, actor, c.communityId)
  if (!canTransition('open_voting', c.status)) throw illegalTransition('open_voting', c.status)
  await assertTextPassed(db, id)
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
  const basis = rollBasisFor(input.rule)
  if (basis === 'owners') {
    const missing = await unitsWithoutTitle(db, c)
    if (missing.count > 0)
      throw new AppError(
        'INVALID_STATE',
        `按《民法典》表决要以产权登记确定业主和面积，适用范围内还有 ${missing.count} 套房屋未登记产权（如 ${missing.first.join('、')}）。请工作人员在“房屋产权登记”中登记后再开始表决。`,
        undefined,
        undefined,
        { unrecorded: missing.count },
      )
  }
  const eventId = newId()
  // Only the request whose state change landed writes the roll (a concurrent second opening
  // would otherwise collide with the first one's roll rows).
  const opened = sql`EXISTS (SELECT 1 FROM convention_events WHERE id = ${eventId})`
  const rollInserts =
    basis === 'residents'
      ? // One vote per verified resident in scope; someone living in two households of the scope votes once.
        [
          db.run(sql`
        INSERT INTO convention_roll (convention_id, voter_key, household_id, building_id, floor_area_dm2)
        SELECT ${id}, 'u:' || r.user_id, MIN(h.id), MIN(h.building_id), 0
        FROM residencies r JOIN households h ON h.id = r.household_id
        WHERE r.status = 'verified' AND ${scopeOn(c, 'h')} AND ${opened}
        GROUP BY r.user_id`),
        ]
      : basis === 'households'
        ? [
            db.run(sql`
        INSERT INTO convention_roll (convention_id, voter_key, household_id, building_id, floor_area_dm2)
        SELECT ${id}, 'h:' || h.id, h.id, h.building_id, h.floor_area_dm2 FROM households h WHERE ${scopeOn(c, 'h')} AND ${opened}`),
          ]
        : ownerRollStatements(db, c, opened)
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
        representativeOnly: basis === 'owners' ? false : input.representativeOnly,
        rollBasis: basis,
        notVotedVisibleToLeaders: input.notVotedVisibleToLeaders ?? false,
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
        notVotedVisibleToLeaders: input.notVotedVisibleToLeaders ?? false,
      },
    }),
    ...rollInserts,
    // The turnout meter's per-building rows (decision 022), from the roll just written.
    turnoutRowsStatement(db, id, opened),
    // The roll's totals from those rows (every roll entry counts under exactly one building, so
    // their sums are the roll's count and area): one pass over the roll instead of two — ~60 ms
    // less for an opening of 50,000 units (tests/load/bench-conventions.ts).
    db.run(sql`
      UPDATE conventions SET
        roll_voters = (SELECT COALESCE(SUM(roll_voters), 0) FROM convention_turnout WHERE convention_id = ${id}),
        roll_area_dm2 = (SELECT COALESCE(SUM(roll_area_dm2), 0) FROM convention_turnout WHERE convention_id = ${id})
      WHERE id = ${id} AND ${opened}`),
  ])
  if (!(await eventExists(db, eventId))) {
    const current = await loadConvention(db, id)
    if (canTransition('open_voting', current.status))
      throw new AppError('CONFLICT', '条文刚被修改过，请确认最新版本后再开始表决')
    throw illegalTransition('open_voting', current.status)
  }
}

/** One roll entry the user may cast a ballot for, as the ballot page lists them. */
export type VoterChoice = {
  voter: string
  /** online: the voter herself (a resident, a household's resident, an owner); proxy: by 委托. */
  source: 'online' | 'proxy'
  /** "本人" / "本户" / "受王秀英委托"; with the units and area under an owners roll. */
  label: string
  units: string[]
  areaDm2: number | null
}

/**
 * The roll entries the user may vote for now, or why none, from where she stands on the roll
 * (viewer-roll.ts): herself (simple), her household (household, and Civil Code votes opened
 * before decision 011), or under an owners roll the entries she owns or holds a recorded 委托 for.
 */
export function choicesFrom(
  c: ConventionRow,
  userId: string,
  roll: ViewerRoll,
): { choices: VoterChoice[]; refusal: string | null } {
  const basis = rollBasisOf(c)
  if (basis === 'residents') {
    if (!roll.residentEntry)
      return { choices: [], refusal: '您不在本次表决的居民名册中（名册在表决开始时确定）' }
    const self = { voter: `u:${userId}`, source: 'online' as const, label: '本人' }
    return { choices: [{ ...self, units: [], areaDm2: null }], refusal: null }
  }
  if (basis === 'households') {
    const mine = roll.households
    const eligible = c.representativeOnly ? mine.filter((h) => h.isRepresentative) : mine
    if (mine.length === 0)
      return { choices: [], refusal: '您不是适用范围内的认证居民，不能参与表决' }
    if (eligible.length === 0)
      return { choices: [], refusal: '本次表决由户代表投票，请与本户户代表商量' }
    const household = `h:${eligible[0]!.householdId}`
    return {
      choices: [{ voter: household, source: 'online', label: '本户', units: [], areaDm2: null }],
      refusal: null,
    }
  }
  if (roll.owned.length === 0)
    return { choices: [], refusal: ownerRefusal(roll.households.length > 0) }
  return {
    choices: roll.owned.map((o) => ({
      voter: o.voter,
      source: o.asOwner ? 'online' : 'proxy',
      label: o.asOwner ? '本人（业主）' : `受${o.forOwners.join('、')}委托`,
      units: o.units,
      areaDm2: o.areaDm2,
    })),
    refusal: null,
  }
}

/** The entry a ballot is for: the one named, or the only one the user has. */
async function choiceFor(
  db: Db,
  user: SessionUser,
  c: ConventionRow,
  voter: string | undefined,
): Promise<VoterChoice> {
  const reads = viewerRollReads(
    db,
    user.id,
    { ids: sql`(${c.id})`, communityId: c.communityId },
    now(),
  )
  const { choices, refusal } = choicesFrom(
    c,
    user.id,
    viewerRollsOf(await readBatch(db, reads))(c.id),
  )
  if (choices.length === 0) throw new AppError('FORBIDDEN', refusal ?? '您不能参与本次表决')
  if (voter) {
    const chosen = choices.find((x) => x.voter === voter)
    if (!chosen) throw new AppError('FORBIDDEN', '您不能为所选的业主投票（委托可能已撤销或过期）')
    return chosen
  }
  if (choices.length > 1)
    throw new AppError('VALIDATION_FAILED', '您可以为多位业主投票，请先选择这一票为谁投')
  return choices[0]!
}

const ONLINE_LOST_TO_PAPER = '本户已由工作人员登记纸质表决票，以纸质票为准'
const PROXY_LOST_TO_OWNER = '业主本人已经投票，以业主本人的票为准'

/**
 * An online ballot, by the voter or by an owner's recorded proxy. The INSERT only lands while
 * the vote is open by the server's clock (and, under an owners roll, while the user may still
 * act for the entry); a later ballot of the same entry replaces the earlier one (the last one
 * counts), except that nothing online replaces paper and a proxy never replaces the owner's own.
 */
export async function castBallot(
  db: Db,
  ballotSecret: string,
  actor: Actor,
  id: string,
  input: { option: Option; voter?: string },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const user = requireUser(actor)
  if (c.status !== 'voting') throw notInState('当前不在表决期', c.status)
  const choice = await choiceFor(db, user, c, input.voter)
  const mayAct =
    rollBasisOf(c) === 'owners'
      ? mayActForSql(c, choice.voter, user, choice.source === 'online', now())
      : undefined
  return writeBallot(db, c, await ballotKey(ballotSecret, id, choice.voter), choice.voter, {
    option: input.option,
    source: choice.source,
    paperRef: null,
    mayAct,
  })
}

/** Assisted entry: staff record a paper ballot for a household (or a resident under `simple`). */
export async function recordPaperBallot(
  db: Db,
  ballotSecret: string,
  actor: Actor,
  id: string,
  input: {
    householdId?: string
    userId?: string
    option: Option
    paperRef: string
    actingFor?: string
  },
) {
  const options = { actingFor: input.actingFor }
  const c = await loadVisibleConvention(db, actor, id)
  // 代办 (decision 019): staff record any paper ballot; with `actingFor` the paper is that
  // resident's (her household, or herself when counted per person) and her 楼组长 may record it.
  const staff = options.actingFor
    ? { id: (await assertPaperIsHers(db, actor, c.communityId, options.actingFor, input)).actedBy }
    : await assertStaffOf(db, actor, c.communityId)
  if (c.status !== 'voting') throw notInState('当前不在表决期', c.status)
  const basis = rollBasisOf(c)
  const voterKey =
    basis === 'residents'
      ? input.userId
        ? `u:${input.userId}`
        : null
      : !input.householdId
        ? null
        : basis === 'households'
          ? `h:${input.householdId}`
          : // Under an owners roll the paper names a unit; it counts for the owner entry holding it.
            ((
              await db
                .select({ key: conventionRollUnits.voterKey })
                .from(conventionRollUnits)
                .where(
                  and(
                    eq(conventionRollUnits.conventionId, id),
                    eq(conventionRollUnits.householdId, input.householdId),
                  ),
                )
                .get()
            )?.key ?? `h:${input.householdId}`)
  if (!voterKey)
    throw new AppError(
      'VALIDATION_FAILED',
      basis === 'residents' ? '本次表决按人计票，请选择一位居民' : '本次表决按户计票，请选择一户',
    )
  // The audit names the household and the paper, never the option (ballot secrecy); it lands in
  // the ballot's own transaction, only if the ballot did.
  const audit = auditIfChangedStatement(db, {
    communityId: c.communityId,
    actorUserId: staff.id,
    // 代办 (decision 019): whose paper it was, when recorded for her.
    onBehalfOfUserId: options.actingFor ?? null,
    action: 'convention.paper_ballot',
    targetType: 'convention',
    targetId: id,
    // Under an owners roll the voter is an owner entry: the household names the unit on paper.
    after: {
      voter: voterKey,
      ...(basis === 'owners' ? { householdId: input.householdId } : {}),
      paperRef: input.paperRef,
    },
  })
  return writeBallot(db, c, await ballotKey(ballotSecret, id, voterKey), voterKey, {
    option: input.option,
    source: 'paper',
    paperRef: input.paperRef,
    paperAudit: audit,
  })
}

/** 代办: the paper names the resident acted for — herself, or a household she lives in. */
async function assertPaperIsHers(
  db: Db,
  actor: Actor,
  communityId: string,
  residentUserId: string,
  input: { householdId?: string; userId?: string },
) {
  if (input.userId !== undefined && input.userId !== residentUserId)
    throw new AppError('VALIDATION_FAILED', '代办的纸质票只能登记为这位居民本人的票')
  // With a household: she must live there (the paper is her household's).
  const acting = await assertMayActFor(db, actor, residentUserId, {
    communityId,
    householdId: input.householdId,
  })
  return acting
}

/** Which stored ballots a new one may replace: paper > the voter's own online > a proxy's. */
const REPLACEABLE = {
  paper: sql`convention_ballots.source IN ('online', 'proxy')`,
  online: sql`convention_ballots.source IN ('online', 'proxy')`,
  proxy: sql`convention_ballots.source = 'proxy'`,
}

async function writeBallot(
  db: Db,
  c: ConventionRow,
  key: string,
  voterKey: string,
  ballot: {
    option: Option
    source: 'online' | 'proxy' | 'paper'
    paperRef: string | null
    /** Under an owners roll: the user may still act for the entry (checked in the INSERT). */
    mayAct?: SQL
    paperAudit?: BatchStatement
  },
) {
  const { option, source, paperRef, paperAudit } = ballot
  const receipt = newInviteCode()
  const at = now()
  const upsert = sql`
      INSERT INTO convention_ballots (convention_id, ballot_key, building_id, floor_area_dm2, option, receipt, source, paper_ref)
      SELECT ${c.id}, ${key}, r.building_id, r.floor_area_dm2, ${option}, ${receipt}, ${source}, ${paperRef}
      FROM convention_roll r
      WHERE r.convention_id = ${c.id} AND r.voter_key = ${voterKey}
        AND EXISTS (SELECT 1 FROM conventions WHERE id = ${c.id} AND status = 'voting' AND voting_opens_at <= ${at} AND voting_closes_at > ${at})
        AND ${ballot.mayAct ?? sql`1`}
      ON CONFLICT (convention_id, ballot_key) DO UPDATE SET option = excluded.option, receipt = excluded.receipt,
        source = excluded.source, paper_ref = excluded.paper_ref
      WHERE ${REPLACEABLE[source]}`
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
  if (stored?.source === 'online' && source === 'proxy')
    throw new AppError('CONFLICT', PROXY_LOST_TO_OWNER)
  const inRoll = await db
    .select({ key: conventionRoll.voterKey })
    .from(conventionRoll)
    .where(and(eq(conventionRoll.conventionId, c.id), eq(conventionRoll.voterKey, voterKey)))
    .get()
  if (!inRoll) throw new AppError('VALIDATION_FAILED', '该户（或居民）不在本次表决的名册中')
  const current = await loadConvention(db, c.id)
  if (ballot.mayAct && current.status === 'voting' && (current.votingClosesAt ?? 0) > now())
    throw new AppError('FORBIDDEN', '您已不能为这位业主投票（委托可能刚被撤销或已过期）')
  throw notInState('表决已截止，未能记录这张票', current.status)
}

/** Receipts are printed "ABCD-EFGH"; residents may type them in lower case, without the dash. */
function normalizeReceipt(input: string): string {
  const chars = input.toUpperCase().replace(/[^0-9A-Z]/g, '')
  return chars.length === 8 ? `${chars.slice(0, 4)}-${chars.slice(4)}` : chars
}

/** The viewer's part in a running vote: the ballots she may cast (each: voted yet?) or why none. */
export type ViewerBallots = {
  ballots: {
    voter: string
    source: VoterChoice['source']
    label: string
    units: string[]
    areaM2: string | null
    hasVoted: boolean
  }[]
  refusal: string | null
}

/**
 * The viewer's part in each of these votes, from where she stands on their rolls (read in the
 * caller's batch, viewer-roll.ts): which of her ballots are in, in one query for all the votes
 * however many entries she may vote for. A vote not running: nothing to cast.
 */
export async function viewerBallots(
  db: Db,
  ballotSecret: string,
  userId: string,
  votes: { c: ConventionRow; roll: ViewerRoll }[],
): Promise<ViewerBallots[]> {
  const parts = await Promise.all(
    votes.map(async ({ c, roll }) => {
      const { choices, refusal } =
        c.status === 'voting' ? choicesFrom(c, userId, roll) : { choices: [], refusal: null }
      const keys = await Promise.all(
        choices.map((choice) => ballotKey(ballotSecret, c.id, choice.voter)),
      )
      return { c, choices, refusal, keys }
    }),
  )
  const allKeys = parts.flatMap((p) => p.keys)
  const cast = new Set(
    allKeys.length === 0
      ? []
      : (
          await db
            .select({ k: conventionBallots.ballotKey })
            .from(conventionBallots)
            .where(
              and(
                inArray(
                  conventionBallots.conventionId,
                  parts.filter((p) => p.keys.length).map((p) => p.c.id),
                ),
                // One bound JSON array: a proxy holder's keys could pass D1's 100 parameters.
                sql`${conventionBallots.ballotKey} IN (SELECT value FROM json_each(${JSON.stringify(allKeys)}))`,
              ),
            )
        ).map((row) => row.k),
  )
  return parts.map(({ choices, refusal, keys }) => ({
    ballots: choices.map((choice, i) => ({
      voter: choice.voter,
      source: choice.source,
      label: choice.label,
      units: choice.units,
      areaM2: choice.areaDm2 === null ? null : m2(choice.areaDm2).replace(' m²', ''),
      hasVoted: cast.has(keys[i]!),
    })),
    refusal,
  }))
}

/** How the roll was counted (owners rolls), in plain Chinese; nothing for other rolls. */
export function rollCounting(c: ConventionRow): string[] {
  if (rollBasisOf(c) !== 'owners' || !c.rollCountingJson) return []
  return describeCounting(JSON.parse(c.rollCountingJson) as RollCounting, {
    voters: c.rollVoters ?? 0,
    areaDm2: c.rollAreaDm2 ?? 0,
  })
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
  // Summed per option in SQL (exact integers): reading every ballot into the worker to add them
  // up took ~110 ms on a 50,000-household vote, the GROUP BY ~27 ms.
  const ballots = await db
    .select({
      option: conventionBallots.option,
      count: sql<number>`COUNT(*)`.mapWith(Number),
      areaDm2: sql<number>`COALESCE(SUM(${conventionBallots.floorAreaDm2}), 0)`.mapWith(Number),
    })
    .from(conventionBallots)
    .where(eq(conventionBallots.conventionId, c.id))
    .groupBy(conventionBallots.option)
  const rule = c.rule!
  const tally = tallyBallots(ballots, { voters: c.rollVoters ?? 0, areaDm2: c.rollAreaDm2 ?? 0 })
  const decision = decide(
    rule,
    tally,
    {
      quorum: { num: c.quorumNum!, den: c.quorumDen! },
      approval: { num: c.approvalNum!, den: c.approvalDen! },
    },
    rollBasisOf(c) === 'owners' ? '人' : '户',
  )
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
