import { sql, type SQL } from 'drizzle-orm'
import {
  communities,
  contentHolds,
  contentWordLists,
  contentWords,
  users,
  type HoldStatus,
} from '../../db/schema'
import { and, eq } from 'drizzle-orm'
import { mapRead, readBatch, rowRead, type BatchStatement, type Read } from './db'
import type { Db } from './env'
import { AppError } from './errors'
import { newId } from './ids'
import { now } from './time'
import { compileWords, type WordHit, type WordMatcher } from './content-words'
import {
  mediaCheckAsync,
  msgSecCheck,
  WechatCallError,
  type SecurityScene,
  type SecurityVerdict,
  type WechatConfig,
} from './wechat'
import { accessToken } from './wechat-token'

// The one content check (decision 013), for every place where a person writes or uploads
// something another person will see. A domain calls checkText() before its write: a clear hit
// throws a Chinese refusal naming the words; otherwise the verdict goes into the domain's own
// batch as holdStatements(), so the content and its hold land together. Lists and views keep
// held content from everyone but its author with notHeld() / holdsOf().
//
// Text: the street's word list first (lib/content-words.ts), then WeChat's msgSecCheck v2 when
// WeChat is configured. Photos: mediaCheckAsync, whose verdict arrives later at the push
// endpoint (worker/moderation); until it says pass, or staff approve, a photo is held.

export type { SecurityScene }

/** WeChat's side of the check, when configured: its client config and the shared access_token. */
export type WechatContent = {
  config: WechatConfig
  /** The app's access_token (lib/wechat-token.ts); `refused` is one WeChat just refused. */
  accessToken: (refused?: string) => Promise<string>
  fetchFn?: typeof fetch
}

/** What a check needs: the database (the street's list, the author's openid) and WeChat or null. */
export type ContentCheck = { db: Db; wechat: WechatContent | null }

/** The statuses that keep content from everyone but its author. */
export const HELD_STATUSES = [
  'checking',
  'review',
  'risky',
  'rejected',
] as const satisfies readonly HoldStatus[]

/** A field of the write, as the resident knows it: its key (for the form) and its name. */
export type CheckedField = { key: string; label: string; text: string }

export type CheckInput = {
  /** Where it is written (its street's list); null for a person with no community yet: the defaults. */
  communityId: string | null
  authorUserId: string
  scene: SecurityScene
  fields: CheckedField[]
  /** The context already read in the caller's batch (checkContextRead); read here when absent. */
  context?: CheckContext | null
}

/** Where a text is checked: its street, the version of the street's list, the author's openid. */
export type CheckContext = { streetId: string; version: number; openid: string | null }

/** Nothing to hold, or the hold to write with the content. */
export type TextVerdict =
  | { held: false }
  | {
      held: true
      status: 'checking' | 'review'
      reason: string
      words: string[]
      label: number | null
      content: string
      scene: SecurityScene
    }

/** The variables that decide whether WeChat's checks apply (lib/env.ts#Config). */
export type ContentCheckConfig = {
  ENVIRONMENT: string
  WECHAT_API_BASE: string
  WECHAT_APPID: string
  WECHAT_SECRET?: string
  /** 'on' | 'off'; unset: on in a deployment, off in development (where the local list alone applies). */
  WECHAT_CONTENT_CHECK?: string
}

/** Whether WeChat's text and photo checks apply, or the local list alone. */
export function wechatChecksOn(env: ContentCheckConfig): boolean {
  const setting = env.WECHAT_CONTENT_CHECK ?? (env.ENVIRONMENT === 'development' ? 'off' : 'on')
  return setting === 'on' && Boolean(env.WECHAT_APPID && env.WECHAT_SECRET)
}

/** The check of one request (or job): the local list always, WeChat when it applies. */
export function contentCheckOf(db: Db, env: ContentCheckConfig): ContentCheck {
  if (!wechatChecksOn(env)) return { db, wechat: null }
  const config = {
    baseUrl: env.WECHAT_API_BASE,
    appId: env.WECHAT_APPID,
    secret: env.WECHAT_SECRET,
  }
  return { db, wechat: { config, accessToken: (refused) => accessToken(db, config, { refused }) } }
}

// ── The local list ───────────────────────────────────────────────────────────────────────────

// Compiled lists per street, kept while the street's version is unchanged (one small query per
// check tells). A street without edits is version 0: the shipped defaults.
const compiled = new Map<string, { version: number; matcher: WordMatcher }>()

async function matcherOf(db: Db, streetId: string, version: number): Promise<WordMatcher> {
  const cached = compiled.get(streetId)
  if (cached && cached.version === version) return cached.matcher
  if (streetId === '') {
    const defaults = compileWords([])
    compiled.set('', { version: 0, matcher: defaults })
    return defaults
  }
  const rows = await db
    .select({ word: contentWords.word, kind: contentWords.kind })
    .from(contentWords)
    .where(eq(contentWords.streetId, streetId))
  const matcher = compileWords(rows)
  compiled.set(streetId, { version, matcher })
  return matcher
}

/** Where the write happens and who writes it: the street (its list and version) and the author's openid. */
async function contextOf(db: Db, communityId: string | null, userId: string, wechat: boolean) {
  if (communityId === null) {
    // No street: the shipped defaults; the openid only matters when WeChat is asked.
    const user = wechat
      ? await db.select({ openid: users.openid }).from(users).where(eq(users.id, userId)).get()
      : undefined
    return { streetId: '', version: 0, openid: user?.openid ?? null }
  }
  const [row] = await readBatch(db, [checkContextRead(db, communityId, userId)])
  return contextOrRefusal(row)
}

/** A community that does not exist has no list to check against. */
function contextOrRefusal(context: CheckContext | null): CheckContext {
  if (!context) throw new AppError('NOT_FOUND', '社区不存在或已删除')
  return context
}

/**
 * What checkText reads first — the community's street, its list's version and the author's
 * openid — as one read of the caller's batch (decision 021); the community may be a subquery.
 * Null when there is no such community.
 */
export function checkContextRead(
  db: Db,
  communityId: string | SQL,
  userId: string,
): Read<CheckContext | null> {
  return mapRead(
    rowRead(
      db
        .select({
          streetId: communities.streetId,
          version: sql<number>`coalesce(${contentWordLists.version}, 0)`,
          openid: sql<
            string | null
          >`(SELECT ${users.openid} FROM ${users} WHERE ${users.id} = ${userId})`,
        })
        .from(communities)
        .leftJoin(contentWordLists, eq(contentWordLists.streetId, communities.streetId))
        .where(eq(communities.id, communityId)),
    ),
    (row) => row ?? null,
  )
}

/** The words of one street's list, compiled as the check uses them (for the staff screen's tester). */
export async function streetMatcher(db: Db, streetId: string): Promise<WordMatcher> {
  const row = await db
    .select({ version: contentWordLists.version })
    .from(contentWordLists)
    .where(eq(contentWordLists.streetId, streetId))
    .get()
  return matcherOf(db, streetId, row?.version ?? 0)
}

const quoted = (words: string[]) => words.map((w) => `「${w}」`).join('')

/** The refusal: which field, which words; `issues` put the message next to each field in the form. */
function refusal(hits: { field: CheckedField; words: string[] }[], label: number | null) {
  const issues = hits.map(({ field, words }) => ({
    path: field.key,
    message: words.length
      ? `${field.label}含有不适宜的词语${quoted(words)}，请修改后再提交`
      : `${field.label}未通过内容安全检查${labelName(label)}，请修改后再提交`,
  }))
  const words = [...new Set(hits.flatMap((h) => h.words))]
  return new AppError('VALIDATION_FAILED', issues[0]!.message, issues, undefined, {
    words,
    label,
  })
}

// WeChat's labels, in the words the author and staff read.
const LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
}

export function labelName(label: number | null): string {
  return label && LABELS[label] ? `（${LABELS[label]}）` : ''
}

function wordsIn(fields: CheckedField[], find: (field: CheckedField) => string[]) {
  return fields.map((field) => ({ field, words: find(field) })).filter((h) => h.words.length > 0)
}

// ── The check ────────────────────────────────────────────────────────────────────────────────

/** Retries of a text WeChat did not answer: then a person decides (status 'review'). */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000]

/**
 * Checks what a person is about to save. Throws a 400 naming the words to change on a clear hit
 * (a 'block' word of the street's list, or WeChat's risky); answers held for a 'review' word or
 * verdict, and for a WeChat that did not answer in time (saved and retried, never lost).
 */
export async function checkText(check: ContentCheck, input: CheckInput): Promise<TextVerdict> {
  const fields = input.fields.filter((f) => f.text.trim() !== '')
  if (fields.length === 0) return { held: false }
  const context =
    input.context !== undefined
      ? contextOrRefusal(input.context)
      : await contextOf(check.db, input.communityId, input.authorUserId, check.wechat !== null)
  const matcher = await matcherOf(check.db, context.streetId, context.version)
  const hits = new Map(fields.map((f) => [f, matcher.find(f.text)] as const))
  const blocked = wordsIn(fields, (f) => written(hits.get(f)!, 'block'))
  if (blocked.length > 0) throw refusal(blocked, null)
  const content = fields.map((f) => f.text).join('\n')
  const reviewWords = [...new Set(fields.flatMap((f) => written(hits.get(f)!, 'review')))]
  const local: TextVerdict = reviewWords.length
    ? {
        held: true,
        status: 'review',
        reason: `含有需要人工审核的词语${quoted(reviewWords)}`,
        words: reviewWords,
        label: null,
        content,
        scene: input.scene,
      }
    : { held: false }
  if (!check.wechat || !context.openid) return local
  let verdict: SecurityVerdict
  try {
    verdict = await askWechat(check.wechat, (token, fetchFn) =>
      msgSecCheck(
        check.wechat!.config,
        token,
        { openid: context.openid!, scene: input.scene, content },
        fetchFn,
      ),
    )
  } catch (error) {
    console.error(JSON.stringify({ contentCheck: 'msg_sec_check failed', error: String(error) }))
    return {
      held: true,
      status: 'checking',
      reason: '微信内容检查暂时没有回应，稍后自动重试',
      words: reviewWords,
      label: null,
      content,
      scene: input.scene,
    }
  }
  if (verdict.suggest === 'risky') {
    const named = wordsIn(fields, (f) => verdict.keywords.filter((k) => f.text.includes(k)))
    throw refusal(named.length ? named : [{ field: fields[0]!, words: [] }], verdict.label)
  }
  if (verdict.suggest === 'review')
    return {
      held: true,
      status: 'review',
      reason: `微信内容检查建议人工审核${labelName(verdict.label)}`,
      words: [...new Set([...reviewWords, ...verdict.keywords])],
      label: verdict.label,
      content,
      scene: input.scene,
    }
  return local
}

function written(hits: WordHit[], kind: WordHit['kind']): string[] {
  return [...new Set(hits.filter((h) => h.kind === kind).map((h) => h.written))]
}

/** A WeChat call with the shared token, asked again once with a fresh token if WeChat refused it. */
async function askWechat<T>(
  wechat: WechatContent,
  call: (token: string, fetchFn: typeof fetch | undefined) => Promise<T>,
): Promise<T> {
  const token = await wechat.accessToken()
  try {
    return await call(token, wechat.fetchFn)
  } catch (error) {
    if (error instanceof WechatCallError && [40001, 40014, 42001].includes(error.errcode))
      return call(await wechat.accessToken(token), wechat.fetchFn)
    throw error
  }
}

/** Where the content lives: the domain's name for it and its id. */
export type HoldTarget = { type: string; id: string }

/**
 * The verdict's statements for the domain's batch: a held text gets its hold row (replacing an
 * earlier one of the same target, e.g. an edited description); a text that passes clears it.
 */
export function holdStatements(
  db: Db,
  verdict: TextVerdict,
  target: HoldTarget,
  who: { communityId: string; authorUserId: string },
  at = now(),
): BatchStatement[] {
  const clear = db.run(
    sql`DELETE FROM ${contentHolds} WHERE target_type = ${target.type} AND target_id = ${target.id}`,
  )
  if (!verdict.held) return [clear]
  return [
    clear,
    db.insert(contentHolds).values({
      id: newId(),
      communityId: who.communityId,
      targetType: target.type,
      targetId: target.id,
      authorUserId: who.authorUserId,
      kind: 'text',
      status: verdict.status,
      content: verdict.content,
      scene: verdict.scene,
      reason: verdict.reason,
      matchedWordsJson: JSON.stringify(verdict.words),
      label: verdict.label,
      attempts: verdict.status === 'checking' ? 1 : 0,
      nextAttemptAt: verdict.status === 'checking' ? at + RETRY_DELAYS_MS[0]! : null,
      createdAt: at,
      updatedAt: at,
    }),
  ]
}

// ── Photos ───────────────────────────────────────────────────────────────────────────────────

/**
 * The hold of a newly uploaded photo, for the upload's batch: with WeChat configured every photo
 * waits for mediaCheckAsync's verdict ('checking'); without it (development) there is no photo
 * check and nothing is held. `mediaUrl` is the photo's absolute URL without a signature.
 */
export function photoHoldStatements(
  db: Db,
  check: ContentCheck,
  photo: {
    id: string
    type: string
    communityId: string
    uploaderUserId: string
    mediaUrl: string
  },
  scene: SecurityScene,
  at = now(),
): BatchStatement[] {
  if (!check.wechat) return []
  return [
    db.insert(contentHolds).values({
      id: newId(),
      communityId: photo.communityId,
      targetType: photo.type,
      targetId: photo.id,
      authorUserId: photo.uploaderUserId,
      kind: 'photo',
      status: 'checking',
      content: photo.mediaUrl,
      scene,
      reason: '照片审核中',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
    }),
  ]
}

/**
 * Asks WeChat to check a held photo (after its upload's batch, or again from the cron). On
 * success the hold keeps the trace_id the push will name; on failure it is retried later.
 * `signedUrl` is the URL WeChat downloads the photo from.
 */
export async function requestPhotoCheck(
  check: ContentCheck,
  target: HoldTarget,
  signedUrl: string,
  at = now(),
): Promise<boolean> {
  if (!check.wechat) return false
  const hold = await check.db
    .select({
      id: contentHolds.id,
      scene: contentHolds.scene,
      attempts: contentHolds.attempts,
      openid: users.openid,
    })
    .from(contentHolds)
    .innerJoin(users, eq(users.id, contentHolds.authorUserId))
    .where(and(eq(contentHolds.targetType, target.type), eq(contentHolds.targetId, target.id)))
    .get()
  if (!hold) return false
  const holdId = hold.id
  const attempts = hold.attempts + 1
  try {
    const { traceId } = await askWechat(check.wechat, (token, fetchFn) =>
      mediaCheckAsync(
        check.wechat!.config,
        token,
        { openid: hold.openid, scene: hold.scene as SecurityScene, mediaUrl: signedUrl },
        fetchFn,
      ),
    )
    await check.db.run(sql`UPDATE ${contentHolds} SET trace_id = ${traceId}, attempts = ${attempts},
      next_attempt_at = NULL, updated_at = ${at} WHERE id = ${holdId} AND status = 'checking'`)
    return true
  } catch (error) {
    console.error(
      JSON.stringify({ contentCheck: 'media_check_async failed', error: String(error) }),
    )
    await check.db.run(sql`UPDATE ${contentHolds} SET attempts = ${attempts},
      next_attempt_at = ${at + retryDelay(attempts)}, updated_at = ${at} WHERE id = ${holdId} AND status = 'checking'`)
    return false
  }
}

export function retryDelay(attempts: number): number {
  return RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0]!
}

// ── Visibility ───────────────────────────────────────────────────────────────────────────────

/**
 * SQL that is true when the content `id` (a column or value) of `targetType` is not held:
 * `WHERE … AND ${notHeld('suggestion_comment', suggestionComments.id)}`. Every list, search,
 * export, CSV and notice that shows content to others puts it in its WHERE.
 */
export function notHeld(targetType: string, id: SQL | SQL.Aliased | unknown): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM content_holds h WHERE h.target_type = ${targetType}
    AND h.target_id = ${id} AND h.status IN ('checking', 'review', 'risky', 'rejected'))`
}

/** SQL: a content others see only when not held, its author always (marked 审核中 for her). */
export function shownTo(
  viewer: { id: string } | null,
  targetType: string,
  id: SQL | SQL.Aliased | unknown,
  authorUserId: SQL | SQL.Aliased | unknown,
): SQL {
  return viewer
    ? sql`(${notHeld(targetType, id)} OR ${authorUserId} = ${viewer.id})`
    : notHeld(targetType, id)
}

export type HoldView = { status: HoldStatus; reason: string; held: boolean }

/** The holds of some contents of one type (for an author's own view: "审核中" and why). */
export async function holdsOf(
  db: Db,
  targetType: string,
  ids: string[],
): Promise<Map<string, HoldView>> {
  if (ids.length === 0) return new Map()
  const [holds] = await readBatch(db, [holdsRead(db, targetType, ids)])
  return holds
}

/**
 * holdsOf as one read of a batch (decision 021); `ids` may be a subquery of the ids
 * (`sql\`SELECT id FROM suggestion_photos WHERE suggestion_id = ${id}\``).
 */
export function holdsRead(
  db: Db,
  targetType: string,
  ids: string[] | SQL,
): Read<Map<string, HoldView>> {
  const among = Array.isArray(ids) ? sql`SELECT value FROM json_each(${JSON.stringify(ids)})` : ids
  return {
    statement: db.all(
      sql`SELECT target_id, status, reason FROM content_holds WHERE target_type = ${targetType}
        AND target_id IN (${among})`,
    ),
    map: (rows) =>
      new Map(
        rows.map((r) => [
          String(r.target_id),
          {
            status: r.status as HoldStatus,
            reason: String(r.reason),
            held: (HELD_STATUSES as readonly string[]).includes(String(r.status)),
          },
        ]),
      ),
  }
}

/** What the author reads beside held content: 审核中, or why it is not shown. */
export function holdLabel(hold: HoldView | undefined): string | null {
  if (!hold?.held) return null
  if (hold.status === 'checking' || hold.status === 'review') return '审核中'
  return `未通过审核：${hold.reason}`
}

// ── What can be held ─────────────────────────────────────────────────────────────────────────

/** Every kind of content the check holds, with the name staff and authors read. */
export const TARGET_LABELS = {
  suggestion: '金点子',
  suggestion_comment: '金点子评论',
  suggestion_progress: '进展说明',
  suggestion_photo: '金点子照片',
  convention_comment: '规约意见',
  meeting_speak_request: '发言申请',
  booking_purpose: '预约用途',
  nickname: '昵称',
  group_name: '团队名称',
  meeting: '会议名称和介绍',
  meeting_minutes: '会议纪要',
  convention: '规约条文',
} as const satisfies Record<string, string>

export type TargetType = keyof typeof TARGET_LABELS

// ── When a hold is settled ───────────────────────────────────────────────────────────────────
// A domain may keep figures that count only visible content (a 金点子's comment count). It
// registers, for its target type, the statements that bring them up to date; the moderation
// domain puts them in the batch that releases or rejects the content. (lib knows no domain: the
// domain registers itself when its module loads.)

type SettledStatements = (db: Db, targetId: string) => BatchStatement[]
const settledHooks = new Map<string, SettledStatements>()

export function onHoldSettled(targetType: TargetType, statements: SettledStatements) {
  settledHooks.set(targetType, statements)
}

/** The registered statements for a target whose hold was just decided (none when nothing registered). */
export function holdSettledStatements(db: Db, targetType: string, targetId: string) {
  return settledHooks.get(targetType)?.(db, targetId) ?? []
}

/**
 * Staff acting on the content itself (publishing a held 金点子 they have read) settle its hold as
 * approved, in the same batch as their action (which is audited as that action).
 */
export function approvedByStaffStatement(
  db: Db,
  target: HoldTarget,
  staffUserId: string,
  at = now(),
): BatchStatement {
  return db.run(sql`UPDATE ${contentHolds} SET status = 'approved', decided_at = ${at}, decided_by = ${staffUserId},
    updated_at = ${at} WHERE target_type = ${target.type} AND target_id = ${target.id}
    AND status IN ('checking', 'review', 'risky')`)
}
