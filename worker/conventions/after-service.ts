import { and, eq, inArray, sql } from 'drizzle-orm'
import { conventionPledges, conventions } from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { runBatch } from '../lib/db'
import { AppError } from '../lib/errors'
import { newId } from '../lib/ids'
import { now, shanghaiDate } from '../lib/time'
import { assertCommitteeOf } from '../identity/authz'
import {
  eventExists,
  eventIfChangedStatement,
  householdsInScope,
  loadConvention,
  loadVisibleConvention,
} from './repo'
import { illegalTransition, notInState, TRANSITIONS } from './transitions'

/**
 * 备案 and 公示: a passed convention comes into force with its filing record; the convention
 * it amends (if any) is superseded in the same batch.
 */
export async function fileConvention(
  db: Db,
  actor: SessionUser | null,
  id: string,
  input: { number: string; date: string; authority: string },
) {
  const c = await loadVisibleConvention(db, actor, id)
  const committee = await assertCommitteeOf(db, actor, c.communityId)
  if (c.status !== 'closed') throw illegalTransition('file', c.status)
  if (!c.passed) throw notInState('未通过表决的微规约不能备案生效', c.status, 'file')
  if (input.date > shanghaiDate(now()))
    throw new AppError('VALIDATION_FAILED', '备案日期不能晚于今天')
  const at = now()
  const eventId = newId()
  await runBatch(db, [
    db
      .update(conventions)
      .set({
        status: 'in_force',
        filingNumber: input.number,
        filingDate: input.date,
        filingAuthority: input.authority,
        inForceAt: at,
        updatedAt: at,
      })
      .where(
        and(
          eq(conventions.id, id),
          inArray(conventions.status, [...TRANSITIONS.file.from]),
          eq(conventions.passed, true),
        ),
      ),
    eventIfChangedStatement(
      db,
      eventId,
      {
        conventionId: id,
        kind: 'in_force',
        actorUserId: committee.id,
        actorRole: 'committee',
        body: `已向${input.authority}备案（${input.number}，${input.date}），正式生效`,
      },
      at,
    ),
    auditIfChangedStatement(db, {
      communityId: c.communityId,
      actorUserId: committee.id,
      action: 'convention.file',
      targetType: 'convention',
      targetId: id,
      before: { status: 'closed' },
      after: { status: 'in_force', ...input },
    }),
    ...(c.amendsId
      ? [
          db.run(sql`UPDATE conventions SET status = 'superseded', updated_at = ${at}
        WHERE id = ${c.amendsId} AND status = 'in_force' AND EXISTS (SELECT 1 FROM convention_events WHERE id = ${eventId})`),
          db.run(sql`INSERT INTO convention_events (id, convention_id, kind, actor_user_id, actor_role, body, created_at)
        SELECT ${newId()}, ${c.amendsId}, 'superseded', ${committee.id}, 'committee', ${'已被修订版取代'}, ${at} WHERE changes() > 0`),
        ]
      : []),
  ])
  if (!(await eventExists(db, eventId)))
    throw illegalTransition('file', (await loadConvention(db, id)).status)
}

/** "我承诺遵守": once per resident in scope of a convention in force. */
export async function pledge(db: Db, actor: SessionUser | null, id: string) {
  const c = await loadVisibleConvention(db, actor, id)
  const user = requireUser(actor)
  if (c.status !== 'in_force') throw notInState('微规约生效后才能承诺遵守', c.status)
  const [home] = await householdsInScope(db, user.id, c)
  if (!home) throw new AppError('FORBIDDEN', '只有适用范围内的认证居民可以承诺')
  await db
    .insert(conventionPledges)
    .values({ conventionId: id, userId: user.id, buildingId: home.buildingId, createdAt: now() })
    .onConflictDoNothing()
  return { ok: true as const }
}
