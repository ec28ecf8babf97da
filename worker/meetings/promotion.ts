import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import type { BatchStatement } from '../lib/db'
import { shanghaiSpoken } from '../lib/time'
import { notifySelectStatement } from '../inbox/notify'
import { meetingLink, TYPE_LABELS, type MeetingRow } from './repo'

/**
 * Fills free seats from the waitlist, first come first served, in SQL: as many waitlisted rows
 * (lowest seq first) as capacity minus confirmed, evaluated inside the batch — so a seat freed
 * by a cancellation goes to the head of the queue even while others sign up at the same moment.
 * The promoted rows carry `token`, and exactly those people are told.
 */
export function promoteStatements(
  db: Db,
  m: MeetingRow,
  token: string,
  at: number,
): BatchStatement[] {
  return [
    db.run(sql`
      UPDATE meeting_registrations SET status = 'confirmed', promotion_id = ${token}, promoted_at = ${at}
      WHERE id IN (
        SELECT id FROM meeting_registrations WHERE meeting_id = ${m.id} AND status = 'waitlisted' ORDER BY seq
        LIMIT MAX(0, COALESCE((SELECT capacity FROM meetings WHERE id = ${m.id} AND status = 'published'), 0)
                   - (SELECT COUNT(*) FROM meeting_registrations WHERE meeting_id = ${m.id} AND status = 'confirmed')))`),
    notifySelectStatement(
      db,
      sql`SELECT user_id FROM meeting_registrations WHERE promotion_id = ${token}`,
      {
        kind: 'meeting.promoted',
        title: '候补转为正式报名',
        body: `有人退出了“${m.title}”（${TYPE_LABELS[m.type]}，${shanghaiSpoken(m.startsAt)}），您已从候补转为正式报名。如不能参加，请及时取消，把名额留给其他居民。`,
        link: meetingLink(m.id),
        subject: m.title,
        at: m.startsAt,
      },
      at,
    ),
  ]
}
