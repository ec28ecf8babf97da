import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import { runBatch, type BatchStatement } from '../lib/db'
import { newId } from '../lib/ids'
import { MINUTE, HOUR, now } from '../lib/time'
import {
  classifySendError,
  sendSubscribeMessage,
  WechatCallError,
  type SendFailureClass,
  type WechatConfig,
} from '../lib/wechat'
import { accessToken } from '../lib/wechat-token'
import { messageData, type Templates } from './template-config'
import { isTopic, phraseOf } from './topics'

// Drains the WeChat outbox (rows queued by the trigger on notifications, decision 014): claims
// due rows with one conditional UPDATE (queued → sending, stamped with this run's claim), sends
// each claimed row once, and records every outcome with statements that only touch rows still
// carrying the claim. Two drains at the same moment claim disjoint rows, so no message goes out
// twice; a run that dies mid-send leaves its rows 'sending', and they are marked failed, never
// sent again (at most once, not at least once: a second copy is worse than a missing one when
// the inbox already holds the notice).

export type DrainConfig = {
  wechat: WechatConfig
  templates: Templates
  /** Which version of the mini-program a message opens: formal (released), trial, developer. */
  miniprogramState: 'formal' | 'trial' | 'developer'
  fetchFn?: typeof fetch
  /**
   * Messages at most per run. A Workers invocation may make a bounded number of subrequests
   * (1,000 on the paid plan); the rest waits for the next run, five minutes later.
   */
  limit?: number
}

export type DrainReport = {
  sent: number
  gaveUp: number
  retryLater: number
  failed: number
  /** access_token requests of this run (0 or 1; 2 when WeChat refused the cached token). */
  tokenRequests: number
}

export const DRAIN_LIMIT_PER_RUN = 900
/** Rows claimed at a time: one claim, one read and one write per chunk. */
const CHUNK = 100
/** Sends in flight at once (Workers open at most six connections per invocation). */
const PARALLEL = 6
/** A row sent this many times without an answer is failed for good. */
export const MAX_ATTEMPTS = 5
/** Backoff after the n-th attempt: 1, 2, 4, 8 … minutes, at most an hour. */
const BACKOFF_BASE_MS = MINUTE
const BACKOFF_CAP_MS = HOUR
/** Older than this, news is stale: not sent at all. */
export const MAX_AGE_MS = 48 * HOUR
/** A claim older than this belongs to a run that died. */
const STALE_CLAIM_MS = 10 * MINUTE
/** After WeChat says "too many", wait this long before trying again. */
const RATE_LIMIT_PAUSE_MS = 10 * MINUTE

type Claimed = {
  id: string
  topic: string
  attempts: number
  openid: string | null
  kind: string | null
  title: string | null
  body: string | null
  link: string | null
  subject: string | null
  eventAt: number | null
  place: string | null
  createdAt: number | null
}

type Outcome =
  | { id: string; result: 'sent' }
  | { id: string; result: 'gave_up' | 'later' | 'failed'; error: string }

export function isWechatConfigured(config: DrainConfig): boolean {
  return Boolean(config.wechat.appId && config.wechat.secret)
}

export async function drainWechatOutbox(db: Db, config: DrainConfig): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, gaveUp: 0, retryLater: 0, failed: 0, tokenRequests: 0 }
  const at = now()
  await runBatch(db, [
    // Rows of a run that stopped mid-send: maybe sent, maybe not. Never again.
    db.run(sql`UPDATE wechat_outbox SET status = 'failed', claim = NULL,
                 last_error = 'interrupted while sending (not retried: it may have been sent)'
               WHERE status = 'sending' AND claimed_at < ${at - STALE_CLAIM_MS}`),
    db.run(sql`UPDATE wechat_outbox SET status = 'gave_up', last_error = 'expired before it could be sent'
               WHERE status = 'queued' AND created_at < ${at - MAX_AGE_MS}`),
  ])
  // Without an app secret (development, tests of other things) nothing can be sent: rows wait,
  // and expire above if it stays so.
  if (!isWechatConfigured(config)) return report

  const limit = config.limit ?? DRAIN_LIMIT_PER_RUN
  let token: string | null = null
  let refreshing: Promise<string> | null = null
  let paused = false

  const getToken = async (refused?: string) => {
    report.tokenRequests++
    return accessToken(db, config.wechat, { fetchFn: config.fetchFn, refused })
  }

  let handled = 0
  while (handled < limit && !paused) {
    const claim = newId()
    const rows = await claimChunk(db, claim, Math.min(CHUNK, limit - handled))
    if (rows.length === 0) break
    handled += rows.length

    if (!token) {
      try {
        token = await getToken()
      } catch (error) {
        // No token, no sending: everything claimed goes back, counted as an attempt.
        await record(
          db,
          claim,
          rows.map((r) => later(r, describe(error))),
          report,
        )
        break
      }
    }

    const outcomes: Outcome[] = []
    const queue = [...rows]
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        if (paused) {
          outcomes.push({ id: row.id, result: 'later', error: 'paused: WeChat rate limit' })
          continue
        }
        outcomes.push(await sendOne(row))
      }
    }

    const sendOne = async (row: Claimed): Promise<Outcome> => {
      const message = render(row, config)
      if ('gaveUp' in message) return { id: row.id, result: 'gave_up', error: message.gaveUp }
      for (;;) {
        const used = token!
        try {
          await sendSubscribeMessage(config.wechat, used, message, config.fetchFn)
          return { id: row.id, result: 'sent' }
        } catch (error) {
          const errcode = error instanceof WechatCallError ? error.errcode : -1
          const kind: SendFailureClass = classifySendError(errcode)
          if (kind === 'token') {
            // Refresh once per run; sends that fail on the same token wait for that refresh.
            refreshing ??= getToken(used).then((fresh) => (token = fresh))
            try {
              await refreshing
            } catch (refreshError) {
              return later(row, describe(refreshError))
            }
            if (token !== used) continue
            return later(row, describe(error))
          }
          if (kind === 'rate_limited') {
            paused = true
            return { id: row.id, result: 'later', error: `paused: ${describe(error)}` }
          }
          if (kind === 'refused' || kind === 'invalid') {
            if (kind === 'invalid')
              console.error(
                JSON.stringify({ job: 'wechat-outbox', outbox: row.id, error: describe(error) }),
              )
            return { id: row.id, result: 'gave_up', error: describe(error) }
          }
          return later(row, describe(error))
        }
      }
    }

    await Promise.all(Array.from({ length: Math.min(PARALLEL, rows.length) }, worker))
    await record(db, claim, outcomes, report)
  }
  return report
}

function later(row: Claimed, error: string): Outcome {
  return { id: row.id, result: row.attempts >= MAX_ATTEMPTS ? 'failed' : 'later', error }
}

function describe(error: unknown): string {
  return error instanceof WechatCallError
    ? `${error.errcode} ${error.errmsg}`.slice(0, 200)
    : String(error).slice(0, 200)
}

/** Takes up to `count` due rows for this run; returns them with what the message needs. */
async function claimChunk(db: Db, claim: string, count: number): Promise<Claimed[]> {
  const at = now()
  await db.run(sql`
    UPDATE wechat_outbox SET status = 'sending', claim = ${claim}, claimed_at = ${at}, attempts = attempts + 1
    WHERE id IN (SELECT id FROM wechat_outbox WHERE status = 'queued' AND next_attempt_at <= ${at}
                 ORDER BY next_attempt_at LIMIT ${count})
      AND status = 'queued'`)
  return db.all<Claimed>(sql`
    SELECT o.id, o.topic, o.attempts, u.openid, n.kind, n.title, n.body, n.link, n.subject,
           n.event_at AS eventAt, n.place, n.created_at AS createdAt
    FROM wechat_outbox o
    LEFT JOIN notifications n ON n.id = o.notification_id
    LEFT JOIN users u ON u.id = o.user_id
    WHERE o.claim = ${claim}`)
}

/** The message for a row, or why it cannot be sent at all. */
export function render(
  row: Claimed,
  config: Pick<DrainConfig, 'templates' | 'miniprogramState'>,
): Parameters<typeof sendSubscribeMessage>[2] | { gaveUp: string } {
  if (!row.openid || row.openid.startsWith('deleted:')) return { gaveUp: 'account deleted' }
  if (!row.kind || row.title === null || row.body === null || row.createdAt === null)
    return { gaveUp: 'notice no longer exists' }
  const template = isTopic(row.topic) ? config.templates[row.topic] : undefined
  if (!template) return { gaveUp: `no template configured for ${row.topic}` }
  return {
    touser: row.openid,
    templateId: template.id,
    page: (row.link ?? '/packages/inbox/pages/index/index').replace(/^\/+/, ''),
    data: messageData(template, {
      subject: row.subject ?? row.title,
      status: phraseOf(row.kind),
      time: row.eventAt ?? row.createdAt,
      place: row.place ?? '',
      note: row.body,
      title: row.title,
    }),
    miniprogramState: config.miniprogramState,
  }
}

/**
 * Writes a chunk's outcomes: one statement per outcome, each touching only rows that still carry
 * this run's claim. A refusal for lack of credit (43101) also zeroes the person's credits for the
 * topic, so no further message is queued on a count WeChat no longer shares.
 */
async function record(db: Db, claim: string, outcomes: Outcome[], report: DrainReport) {
  const at = now()
  const ids = (result: Outcome['result']) =>
    JSON.stringify(outcomes.filter((o) => o.result === result).map((o) => o.id))
  const errors = JSON.stringify(
    Object.fromEntries(outcomes.filter((o) => 'error' in o).map((o) => [o.id, o.error])),
  )
  const statements: BatchStatement[] = [
    db.run(sql`UPDATE wechat_outbox SET status = 'sent', sent_at = ${at}, claim = NULL, last_error = NULL
               WHERE claim = ${claim} AND id IN (SELECT value FROM json_each(${ids('sent')}))`),
    db.run(sql`UPDATE wechat_outbox SET status = 'gave_up', claim = NULL,
                 last_error = json_extract(${errors}, '$."' || id || '"')
               WHERE claim = ${claim} AND id IN (SELECT value FROM json_each(${ids('gave_up')}))`),
    db.run(sql`UPDATE wechat_outbox SET status = 'failed', claim = NULL,
                 last_error = json_extract(${errors}, '$."' || id || '"')
               WHERE claim = ${claim} AND id IN (SELECT value FROM json_each(${ids('failed')}))`),
    // Back in the queue, later each time: 1, 2, 4 … minutes after this attempt, at most an hour;
    // a pause for WeChat's rate limit waits its own time and does not count as an attempt.
    db.run(sql`UPDATE wechat_outbox SET status = 'queued', claim = NULL,
                 last_error = json_extract(${errors}, '$."' || id || '"'),
                 attempts = CASE WHEN json_extract(${errors}, '$."' || id || '"') LIKE 'paused:%' THEN attempts - 1 ELSE attempts END,
                 next_attempt_at = CASE WHEN json_extract(${errors}, '$."' || id || '"') LIKE 'paused:%'
                   THEN ${at + RATE_LIMIT_PAUSE_MS}
                   ELSE ${at} + MIN(${BACKOFF_CAP_MS}, ${BACKOFF_BASE_MS} * (1 << MIN(attempts - 1, 10))) END
               WHERE claim = ${claim} AND id IN (SELECT value FROM json_each(${ids('later')}))`),
  ]
  const noCredit = outcomes
    .filter((o) => o.result === 'gave_up' && o.error.startsWith('43101 '))
    .map((o) => o.id)
  if (noCredit.length > 0)
    statements.push(
      db.run(sql`UPDATE subscribe_grants SET credits = 0, long_term = 0, updated_at = ${at}
                 WHERE (user_id, topic) IN (SELECT user_id, topic FROM wechat_outbox
                                            WHERE id IN (SELECT value FROM json_each(${JSON.stringify(noCredit)})))`),
    )
  await runBatch(db, statements)
  for (const o of outcomes) {
    if (o.result === 'sent') report.sent++
    else if (o.result === 'gave_up') report.gaveUp++
    else if (o.result === 'failed') report.failed++
    else report.retryLater++
  }
}
