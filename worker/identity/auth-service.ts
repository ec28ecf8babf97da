import { and, eq, isNull, sql } from 'drizzle-orm'
import { communities, privacyConsents, sessions, users } from '../../db/schema'
import type { Config, Db } from '../lib/env'
import { runBatch } from '../lib/db'
import { checkText, holdStatements, onHoldSettled, type ContentCheck } from '../lib/content-check'
import { rememberSession, type SessionUser } from '../lib/auth'
import { newId } from '../lib/ids'
import { newSecretToken, sha256Hex } from '../lib/crypto'
import { AppError, notFound } from '../lib/errors'
import { hitRateLimit, LIMITS } from '../lib/rate-limit'
import { DAY, now } from '../lib/time'
import { code2Session } from '../lib/wechat'
import { PRIVACY_NOTICE } from './privacy'
import type { User } from './schemas'

export const SESSION_TTL_MS = 30 * DAY
/** Demo users seeded for local development have openids with this prefix. */
export const DEV_OPENID_PREFIX = 'dev:'

function toUser(row: typeof users.$inferSelect): User {
  return {
    id: row.id,
    nickname: row.nickname,
    consentVersion: row.consentVersion,
    currentCommunityId: row.currentCommunityId,
  }
}

/** Finds or creates the user of an openid, then opens a session for them. */
async function openSession(db: Db, openid: string) {
  await hitRateLimit(db, `login:${openid}`, LIMITS.loginPerOpenid)
  const createdAt = now()
  // INSERT … ON CONFLICT DO NOTHING makes first logins racing for one openid create one user.
  await db
    .insert(users)
    .values({ id: newId(), openid, nickname: `邻居${openid.slice(-4).toUpperCase()}`, createdAt })
    .onConflictDoNothing({ target: users.openid })
  const user = await db.select().from(users).where(eq(users.openid, openid)).get()
  if (!user) throw new AppError('INTERNAL', '登录失败，请重试')
  const token = newSecretToken()
  const expiresAt = createdAt + SESSION_TTL_MS
  const session = { id: newId(), tokenHash: await sha256Hex(token) }
  await db.insert(sessions).values({ ...session, userId: user.id, createdAt, expiresAt })
  // Its first read need not look the session up on its own (decision 024).
  rememberSession(session.tokenHash, {
    id: user.id,
    nickname: user.nickname,
    consentVersion: user.consentVersion,
    currentCommunityId: user.currentCommunityId,
    sessionId: session.id,
  })
  return { token, expiresAt, user: toUser(user) }
}

export async function loginWithWechat(db: Db, env: Config, code: string) {
  const { openid } = await code2Session(
    { baseUrl: env.WECHAT_API_BASE, appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET },
    code,
  )
  return openSession(db, openid)
}

export async function loginAsDevUser(db: Db, input: { demoUser: string } | { openid: string }) {
  if ('openid' in input) {
    // Accounts nobody signs in to, even in development: a resident registered without WeChat
    // (代办, decision 019), an account retired by a claim, a deleted one.
    if (/^(offline|claimed|deleted):/.test(input.openid))
      throw new AppError('VALIDATION_FAILED', '这个账号不能登录')
    return openSession(db, input.openid)
  }
  const openid = `${DEV_OPENID_PREFIX}${input.demoUser}`
  const exists = await db.select({ id: users.id }).from(users).where(eq(users.openid, openid)).get()
  if (!exists) throw notFound('演示用户')
  return openSession(db, openid)
}

export async function logout(db: Db, user: SessionUser) {
  await db
    .update(sessions)
    .set({ revokedAt: now() })
    .where(and(eq(sessions.id, user.sessionId), isNull(sessions.revokedAt)))
}

export async function getUser(db: Db, userId: string): Promise<User> {
  const row = await db.select().from(users).where(eq(users.id, userId)).get()
  if (!row) throw notFound('用户')
  return toUser(row)
}

export async function recordConsent(db: Db, user: SessionUser, version: string): Promise<User> {
  if (version !== PRIVACY_NOTICE.version) {
    throw new AppError('VALIDATION_FAILED', '隐私政策已更新，请重新阅读后再同意')
  }
  const at = now()
  await runBatch(db, [
    db.insert(privacyConsents).values({ id: newId(), userId: user.id, version, acceptedAt: at }),
    db.update(users).set({ consentVersion: version, consentedAt: at }).where(eq(users.id, user.id)),
  ])
  return getUser(db, user.id)
}

export async function chooseCommunity(
  db: Db,
  user: SessionUser,
  communityId: string,
): Promise<User> {
  const community = await db
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.id, communityId))
    .get()
  if (!community) throw notFound('社区')
  await db.update(users).set({ currentCommunityId: communityId }).where(eq(users.id, user.id))
  return getUser(db, user.id)
}

/**
 * A new nickname, checked first (decision 013): a listed word is refused; one held for review (or
 * a WeChat that did not answer) waits in the hold while the old nickname stays, and takes effect
 * when the hold is passed (the hook below). `nicknameReview` tells the person it is waiting.
 */
export async function updateProfile(
  db: Db,
  check: ContentCheck,
  user: SessionUser,
  nickname: string,
): Promise<User & { nicknameReview: string | null }> {
  const communityId = user.currentCommunityId
  const verdict = await checkText(check, {
    communityId,
    authorUserId: user.id,
    scene: 1,
    fields: [{ key: 'nickname', label: '昵称', text: nickname }],
  })
  // A held nickname waits for the staff of the person's community; without one, nobody could decide.
  if (verdict.held && !communityId)
    throw new AppError(
      'VALIDATION_FAILED',
      '这个昵称需要人工审核，请先选择所在社区，或换一个昵称',
      [{ path: 'nickname', message: '这个昵称需要人工审核，请先选择所在社区，或换一个昵称' }],
    )
  const target = { type: 'nickname', id: user.id }
  await runBatch(db, [
    ...(communityId
      ? holdStatements(db, verdict, target, { communityId, authorUserId: user.id })
      : []),
    ...(verdict.held ? [] : [db.update(users).set({ nickname }).where(eq(users.id, user.id))]),
  ])
  return {
    ...(await getUser(db, user.id)),
    nicknameReview: verdict.held ? `新昵称“${nickname}”审核中，通过后生效` : null,
  }
}

// A held nickname takes effect when its hold is passed or approved (never when rejected).
onHoldSettled('nickname', (db, userId) => [
  db.run(sql`UPDATE ${users} SET nickname = (SELECT content FROM content_holds
      WHERE target_type = 'nickname' AND target_id = ${userId} AND status IN ('passed', 'approved'))
    WHERE id = ${userId} AND EXISTS (SELECT 1 FROM content_holds
      WHERE target_type = 'nickname' AND target_id = ${userId} AND status IN ('passed', 'approved'))`),
])
