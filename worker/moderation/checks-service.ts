import { and, eq, isNotNull, lte, sql } from 'drizzle-orm'
import { contentHolds, users } from '../../db/schema'
import {
  holdSettledStatements,
  labelName,
  requestPhotoCheck,
  retryDelay,
  RETRY_DELAYS_MS,
  TARGET_LABELS,
  type ContentCheck,
  type SecurityScene,
} from '../lib/content-check'
import { runBatch, type BatchStatement } from '../lib/db'
import type { Db } from '../lib/env'
import { signedPath } from '../lib/signed-url'
import { now } from '../lib/time'
import { isSignedPush, msgSecCheck, parseMediaCheckPush, type SecurityVerdict } from '../lib/wechat'
import { notifySelectStatement } from '../inbox/notify'

// WeChat's answers after the write: the photo verdicts it pushes (mediaCheckAsync), and the
// cron that asks again about texts WeChat did not answer in time and photos whose check request
// failed. A verdict moves a 'checking' hold only (a staff decision is never overwritten).

const labelOf = (targetType: string) =>
  TARGET_LABELS[targetType as keyof typeof TARGET_LABELS] ?? '内容'

/**
 * The statements that record WeChat's verdict on a 'checking' hold: pass releases it, review
 * hands it to staff, risky hides it for good and tells the author why (in the same batch, and
 * only if this verdict is the one that moved it).
 */
function verdictStatements(
  db: Db,
  hold: { id: string; targetType: string; targetId: string },
  verdict: SecurityVerdict,
  at: number,
): BatchStatement[] {
  const status =
    verdict.suggest === 'pass' ? 'passed' : verdict.suggest === 'review' ? 'review' : 'risky'
  const reason =
    status === 'passed'
      ? '微信内容检查通过'
      : status === 'review'
        ? `微信内容检查建议人工审核${labelName(verdict.label)}`
        : `未通过微信内容安全检查${labelName(verdict.label)}`
  const label = labelOf(hold.targetType)
  return [
    db.run(sql`UPDATE ${contentHolds} SET status = ${status}, reason = ${reason}, label = ${verdict.label},
      matched_words_json = ${JSON.stringify(verdict.keywords)}, next_attempt_at = NULL, updated_at = ${at}
      WHERE id = ${hold.id} AND status = 'checking'`),
    ...(status === 'risky'
      ? [
          notifySelectStatement(
            db,
            sql`SELECT author_user_id AS user_id FROM content_holds WHERE id = ${hold.id} AND changes() > 0`,
            {
              kind: 'content.risky',
              title: `您的${label}未通过审核`,
              body: `您的${label}${reason}，已不再向其他人展示。如有疑问，请联系居委会。`,
            },
            at,
          ),
        ]
      : []),
    ...holdSettledStatements(db, hold.targetType, hold.targetId),
  ]
}

export type PushQuery = { signature?: string; timestamp?: string; nonce?: string }

/** WeChat's URL check when the push is configured: the echo, only for a signed request. */
export async function answerPushCheck(
  token: string | undefined,
  query: PushQuery & { echostr?: string },
): Promise<string | null> {
  if (!token || !(await isSignedPush(token, query))) return null
  return query.echostr ?? ''
}

/**
 * A push from WeChat. False when it is not signed with our token (or too old): nothing is read.
 * A signed push that is not a photo verdict, or names an unknown trace_id, is acknowledged and
 * ignored, so WeChat does not resend it.
 */
export async function receivePush(
  db: Db,
  config: { token: string | undefined; appId: string },
  query: PushQuery,
  body: unknown,
): Promise<boolean> {
  if (!config.token || !(await isSignedPush(config.token, query))) return false
  const push = parseMediaCheckPush(body)
  if (!push || (push.appId && push.appId !== config.appId)) return true
  const hold = await db
    .select({
      id: contentHolds.id,
      targetType: contentHolds.targetType,
      targetId: contentHolds.targetId,
    })
    .from(contentHolds)
    .where(eq(contentHolds.traceId, push.traceId))
    .get()
  if (hold) await runBatch(db, verdictStatements(db, hold, push.verdict, now()))
  return true
}

/**
 * The cron: texts WeChat did not answer are asked again (after the last retry a person
 * decides), photos whose check request failed are sent again. Photo URLs are signed afresh
 * with the photo secret: WeChat downloads the photo from them.
 */
export async function retryChecks(check: ContentCheck, photoSecret: string, at = now()) {
  if (!check.wechat) return { texts: 0, photos: 0 }
  const db = check.db
  const due = await db
    .select({ hold: contentHolds, openid: users.openid })
    .from(contentHolds)
    .innerJoin(users, eq(users.id, contentHolds.authorUserId))
    .where(
      and(
        eq(contentHolds.status, 'checking'),
        isNotNull(contentHolds.nextAttemptAt),
        lte(contentHolds.nextAttemptAt, at),
      ),
    )
    .limit(50)
  let texts = 0
  let photos = 0
  for (const { hold, openid } of due) {
    if (hold.kind === 'photo') {
      if (hold.traceId) continue
      const url = new URL(hold.content)
      const signed = `${url.origin}${await signedPath(url.pathname, hold.targetId, photoSecret, at)}`
      await requestPhotoCheck(check, { type: hold.targetType, id: hold.targetId }, signed, at)
      photos++
      continue
    }
    texts++
    const wechat = check.wechat
    try {
      const token = await wechat.accessToken()
      const verdict = await msgSecCheck(
        wechat.config,
        token,
        { openid, scene: hold.scene as SecurityScene, content: hold.content },
        wechat.fetchFn,
      )
      await runBatch(db, verdictStatements(db, hold, verdict, now()))
    } catch (error) {
      console.error(JSON.stringify({ contentCheck: 'retry failed', error: String(error) }))
      const attempts = hold.attempts + 1
      const givenUp = attempts > RETRY_DELAYS_MS.length
      await db.run(sql`UPDATE ${contentHolds} SET attempts = ${attempts},
        status = ${givenUp ? 'review' : 'checking'},
        reason = ${givenUp ? '微信内容检查多次没有回应，请人工审核' : hold.reason},
        next_attempt_at = ${givenUp ? null : at + retryDelay(attempts)}, updated_at = ${at}
        WHERE id = ${hold.id} AND status = 'checking'`)
    }
  }
  return { texts, photos }
}
