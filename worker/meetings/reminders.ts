import { and, eq, gt, lte, sql } from 'drizzle-orm'
import { meetings } from '../../db/schema'
import type { Db } from '../lib/env'
import { runBatch } from '../lib/db'
import { DAY, now, shanghaiSpoken } from '../lib/time'
import { notifySelectStatement } from '../inbox/notify'
import { meetingLink, TYPE_LABELS } from './repo'

/**
 * "明天开会": once per meeting, within a day of its start, everyone with a confirmed seat is
 * reminded of the time, the place and the check-in (by the cron). Running again tells nobody twice.
 */
export async function remindUpcomingMeetings(db: Db, at = now()) {
  const soon = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.status, 'published'),
        gt(meetings.startsAt, at),
        lte(meetings.startsAt, at + DAY),
      ),
    )
  for (const m of soon) {
    const link = meetingLink(m.id)
    await runBatch(db, [
      notifySelectStatement(
        db,
        sql`
      SELECT r.user_id FROM meeting_registrations r
      WHERE r.meeting_id = ${m.id} AND r.status = 'confirmed'
        AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = r.user_id AND n.kind = 'meeting.reminder' AND n.link = ${link})`,
        {
          kind: 'meeting.reminder',
          title: `${TYPE_LABELS[m.type]}即将召开`,
          body: `“${m.title}”将于 ${shanghaiSpoken(m.startsAt)} 在 ${m.address} 召开。到场后请用会场门口的签到码签到；不能参加请提前取消，把名额留给候补的居民。`,
          link,
          subject: m.title,
          at: m.startsAt,
          place: m.address,
        },
        at,
      ),
    ])
  }
}
