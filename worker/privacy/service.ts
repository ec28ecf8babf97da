import type { SessionUser } from '../lib/auth'
import { runBatch } from '../lib/db'
import type { Db } from '../lib/env'
import type { MyDataExport } from '../identity/schemas'
import { PERSONAL_DATA } from './registry'
import { auditStatement } from '../lib/audit'
import { assertStaffForOfflineResident } from '../identity/acting'

// PIPL: the right to a copy and the right to be forgotten, across every domain of the registry.

/** Everything we hold about the user, each domain answering for its own tables. */
export async function exportMyData(db: Db, sessionUser: SessionUser): Promise<MyDataExport> {
  const parts = await Promise.all(PERSONAL_DATA.map((entry) => entry.exportOf(db, sessionUser.id)))
  const document: Record<string, unknown> = { exportedAt: Date.now() }
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = document[key]
      document[key] =
        isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value
    }
  }
  return document as MyDataExport
}

/**
 * Deletes the account: every domain's forget statements in one batch (all or nothing). Personal
 * data is erased; the users row stays as "已注销用户" so public records keep a consistent author.
 */
export async function deleteMyAccount(db: Db, sessionUser: SessionUser) {
  const at = Date.now()
  const statements = await Promise.all(
    [...PERSONAL_DATA].reverse().map((entry) => entry.forgetStatements(db, sessionUser.id, at)),
  )
  await runBatch(db, statements.flat())
  return { ok: true as const }
}

/**
 * The same rights for a resident registered without WeChat (decision 019), exercised on her
 * request by the 居委会: the copy is printed for her; the deletion is the same batch as 注销.
 * Both are audited on her behalf.
 */
export async function exportOfflineResident(db: Db, actor: SessionUser | null, residentId: string) {
  const { staffId, communityId } = await assertStaffForOfflineResident(db, actor, residentId)
  const document = await exportMyData(db, { ...requireUserShape(residentId) })
  await runBatch(db, [
    auditStatement(db, {
      communityId,
      actorUserId: staffId,
      onBehalfOfUserId: residentId,
      action: 'resident.export',
      targetType: 'user',
      targetId: residentId,
    }),
  ])
  return document
}

export async function deleteOfflineResident(db: Db, actor: SessionUser | null, residentId: string) {
  const { staffId, communityId } = await assertStaffForOfflineResident(db, actor, residentId)
  const at = Date.now()
  const statements = await Promise.all(
    [...PERSONAL_DATA].reverse().map((entry) => entry.forgetStatements(db, residentId, at)),
  )
  await runBatch(db, [
    ...statements.flat(),
    auditStatement(db, {
      communityId,
      actorUserId: staffId,
      onBehalfOfUserId: residentId,
      action: 'resident.delete',
      targetType: 'user',
      targetId: residentId,
    }),
  ])
  return { ok: true as const }
}

/** exportMyData reads only the user's id. */
function requireUserShape(id: string): SessionUser {
  return { id, nickname: '', consentVersion: null, currentCommunityId: null, sessionId: '' }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
