import { sql } from 'drizzle-orm'
import {
  inviteCodes,
  privacyConsents,
  residencies,
  roleGrants,
  sessions,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { runBatch } from '../lib/db'
import { auditIfChangedStatement } from '../lib/audit'
import { AppError, conflict } from '../lib/errors'
import { now } from '../lib/time'

// A resident registered without WeChat takes her account over (decision 019). She signs in with
// her own WeChat — which makes a new, empty account — and enters the code staff gave her. Her
// WeChat openid moves onto the account everything was done under; the empty one is retired.
// Nothing of hers changes owner (her id stays the same), so nothing can be lost on the way.

/** The claim code's target, when `codeHash` is a code for an offline resident's account. */
export async function claimTargetOf(
  db: Db,
  codeHash: string,
): Promise<{ userId: string; communityId: string } | null> {
  const row = await db.get<{ userId: string | null; communityId: string }>(
    sql`SELECT claims_user_id AS userId, community_id AS communityId FROM ${inviteCodes} WHERE code_hash = ${codeHash}`,
  )
  return row?.userId ? { userId: row.userId, communityId: row.communityId } : null
}

/**
 * One batch: the code is used only while open, the offline account unclaimed and the signed-in
 * account empty (no residency, no role) — all in the UPDATE's WHERE, so two phones racing with
 * one code, or a code used twice, leave one owner. Every later statement runs only if that UPDATE
 * matched (the code row names this user at this instant).
 */
export async function claimOfflineAccount(
  db: Db,
  user: SessionUser,
  codeHash: string,
  target: { userId: string; communityId: string },
): Promise<string> {
  const residentUserId = target.userId
  const at = now()
  const empty = await db.get<{ residency: number | null; role: number | null }>(sql`
    SELECT (SELECT 1 FROM ${residencies} WHERE user_id = ${user.id} AND status = 'verified' LIMIT 1) AS residency,
           (SELECT 1 FROM ${roleGrants} WHERE user_id = ${user.id} LIMIT 1) AS role`)
  if (empty?.residency || empty?.role)
    throw conflict(
      '您的微信账号已经认证或有工作角色，不能再认领代办账号；请联系居委会，由工作人员为您核对',
    )
  const account = await db.get<{ openid: string }>(
    sql`SELECT openid FROM ${users} WHERE id = ${user.id}`,
  )
  const claimed = sql`EXISTS (SELECT 1 FROM ${inviteCodes} WHERE code_hash = ${codeHash} AND used_by = ${user.id} AND used_at = ${at})`
  await runBatch(db, [
    db.run(sql`UPDATE ${inviteCodes} SET used_at = ${at}, used_by = ${user.id}
      WHERE code_hash = ${codeHash} AND claims_user_id = ${residentUserId} AND used_at IS NULL
        AND revoked_at IS NULL AND expires_at > ${at}
        AND EXISTS (SELECT 1 FROM ${users} WHERE id = ${residentUserId} AND registered_by IS NOT NULL AND claimed_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM ${residencies} WHERE user_id = ${user.id} AND status = 'verified')
        AND NOT EXISTS (SELECT 1 FROM ${roleGrants} WHERE user_id = ${user.id})`),
    // The openid is unique: free it from the empty account before giving it to hers.
    db.run(sql`UPDATE ${users} SET openid = ${`claimed:${user.id}`}, current_community_id = NULL
      WHERE id = ${user.id} AND ${claimed}`),
    db.run(sql`UPDATE ${users} SET openid = ${account!.openid}, claimed_at = ${at},
        consent_version = (SELECT consent_version FROM ${users} WHERE id = ${user.id}),
        consented_at = (SELECT consented_at FROM ${users} WHERE id = ${user.id})
      WHERE id = ${residentUserId} AND ${claimed}`),
    auditIfChangedStatement(db, {
      communityId: target.communityId,
      actorUserId: residentUserId,
      action: 'resident.claim',
      targetType: 'user',
      targetId: residentUserId,
    }),
    // She stays signed in: the session she entered the code with is now hers.
    db.run(
      sql`UPDATE ${sessions} SET user_id = ${residentUserId} WHERE user_id = ${user.id} AND ${claimed}`,
    ),
    db.run(
      sql`UPDATE ${privacyConsents} SET user_id = ${residentUserId} WHERE user_id = ${user.id} AND ${claimed}`,
    ),
  ])
  // This request's own claim: the code names this user (a clock, even a frozen one, cannot).
  const done = await db.get(
    sql`SELECT 1 AS one FROM ${inviteCodes} WHERE code_hash = ${codeHash} AND used_by = ${user.id}`,
  )
  if (!done)
    throw new AppError('VALIDATION_FAILED', '认领码无效、已过期或已被使用，请向居委会或楼组长核对')
  return residentUserId
}
