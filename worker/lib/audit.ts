import { sql } from 'drizzle-orm'
import { auditLog } from '../../db/schema'
import type { AuditAction, AuditField, AuditTargetType } from './audit-labels'
import type { Db } from './env'
import { newId } from './ids'
import { now } from './time'

/**
 * A before/after of the log: only fields named in AUDIT_FIELDS (lib/audit-labels.ts). A value whose
 * type has another key does not compile — "Type 'string' is not assignable to type 'never'" at
 * that key means: name the field in AUDIT_FIELDS, or leave it out of the log.
 */
export type AuditValues<T> = T extends object
  ? { [K in keyof T]: K extends AuditField ? T[K] : never }
  : T

export type AuditEntry<B = unknown, A = unknown> = {
  communityId: string
  actorUserId: string
  onBehalfOfUserId?: string | null
  /** One of AUDIT_ACTIONS: a new action does not compile until it has its Chinese label. */
  action: AuditAction
  targetType: AuditTargetType
  targetId: string
  before?: AuditValues<B> | null
  after?: AuditValues<A> | null
}

/**
 * The audit row for a staff action, as a statement to put in the same db.batch() as the
 * action itself: the action and its record land together or not at all.
 */
export function auditStatement<B, A>(db: Db, entry: AuditEntry<B, A>) {
  return db.insert(auditLog).values({
    id: newId(),
    communityId: entry.communityId,
    actorUserId: entry.actorUserId,
    onBehalfOfUserId: entry.onBehalfOfUserId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    beforeJson:
      entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    afterJson:
      entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    createdAt: now(),
  })
}

/**
 * The same row, written only when the statement just before it in the batch changed a row
 * (SQLite's changes()). Used after a conditional UPDATE … WHERE status = 'expected' so that the
 * loser of a race leaves no audit record of an action that did not happen. Given an `id`, the
 * caller can tell afterwards whether its own action landed (the row exists).
 */
export function auditIfChangedStatement<B, A>(db: Db, entry: AuditEntry<B, A>, id = newId()) {
  const row = {
    id,
    before:
      entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
  }
  return db.run(sql`
    INSERT INTO ${auditLog} (id, community_id, actor_user_id, on_behalf_of_user_id, action, target_type, target_id, before_json, after_json, created_at)
    SELECT ${row.id}, ${entry.communityId}, ${entry.actorUserId}, ${entry.onBehalfOfUserId ?? null}, ${entry.action},
           ${entry.targetType}, ${entry.targetId}, ${row.before}, ${row.after}, ${now()}
    WHERE changes() > 0`)
}
