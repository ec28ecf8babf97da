import { sql } from 'drizzle-orm'
import { auditLog } from '../../db/schema'
import type { Db } from './env'
import { newId } from './ids'
import { now } from './time'

export type AuditEntry = {
  communityId: string
  actorUserId: string
  onBehalfOfUserId?: string | null
  action: string
  targetType: string
  targetId: string
  before?: unknown
  after?: unknown
}

/**
 * The audit row for a staff action, as a statement to put in the same db.batch() as the
 * action itself: the action and its record land together or not at all.
 */
export function auditStatement(db: Db, entry: AuditEntry) {
  return db.insert(auditLog).values({
    id: newId(),
    communityId: entry.communityId,
    actorUserId: entry.actorUserId,
    onBehalfOfUserId: entry.onBehalfOfUserId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
    afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
    createdAt: now(),
  })
}

/**
 * The same row, written only when the statement just before it in the batch changed a row
 * (SQLite's changes()). Used after a conditional UPDATE … WHERE status = 'expected' so that the
 * loser of a race leaves no audit record of an action that did not happen. Given an `id`, the
 * caller can tell afterwards whether its own action landed (the row exists).
 */
export function auditIfChangedStatement(db: Db, entry: AuditEntry, id = newId()) {
  const row = {
    id,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  }
  return db.run(sql`
    INSERT INTO ${auditLog} (id, community_id, actor_user_id, on_behalf_of_user_id, action, target_type, target_id, before_json, after_json, created_at)
    SELECT ${row.id}, ${entry.communityId}, ${entry.actorUserId}, ${entry.onBehalfOfUserId ?? null}, ${entry.action},
           ${entry.targetType}, ${entry.targetId}, ${row.before}, ${row.after}, ${now()}
    WHERE changes() > 0`)
}
