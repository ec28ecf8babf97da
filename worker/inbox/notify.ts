import { sql, type SQL } from 'drizzle-orm'
import { notifications } from '../../db/schema'
import type { Db } from '../lib/env'
import type { BatchStatement } from '../lib/db'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { topicOf } from './topics'

// How a domain tells people about an event: a statement to put in the same runBatch as the
// state change itself, so that nobody is told about something that did not happen and nothing
// that happened goes untold. A notice whose kind has a WeChat topic (topics.ts) is also queued
// as a subscribe message, by the trigger on notifications, in the same transaction (decision 014).

export type Notice = {
  /** 'meeting.promoted', 'booking.rejected' … (domain.event) */
  kind: string
  title: string
  body: string
  /** A mini-program page path, e.g. /packages/meetings/pages/detail/index?id=… */
  link?: string | null
  /** What it is about (the 金点子's or meeting's title): the subscribe message's subject. */
  subject?: string
  /** When the thing happens (a meeting's start, a vote's close); else the notice's time. */
  at?: number
  /** Where it happens (a meeting's address). */
  place?: string
}

/** One person. */
export function notifyStatement(
  db: Db,
  userId: string,
  notice: Notice,
  at = now(),
): BatchStatement {
  return db.insert(notifications).values({
    id: newId(),
    userId,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    link: notice.link ?? null,
    createdAt: at,
    wechatTopic: topicOf(notice.kind),
    subject: notice.subject ?? null,
    eventAt: notice.at ?? null,
    place: notice.place ?? null,
  })
}

/** A list of people known now (deduplicated). */
export function notifyManyStatement(
  db: Db,
  userIds: string[],
  notice: Notice,
  at = now(),
): BatchStatement {
  return notifySelectStatement(
    db,
    sql`SELECT value AS user_id FROM json_each(${JSON.stringify([...new Set(userIds)])})`,
    notice,
    at,
  )
}

/**
 * Everyone a query returns at the moment the batch runs (a column named user_id), e.g. the
 * people a waitlist promotion in the same batch has just moved. Ids are random like newId().
 */
export function notifySelectStatement(
  db: Db,
  userIdsQuery: SQL,
  notice: Notice,
  at = now(),
): BatchStatement {
  return db.run(sql`
    INSERT INTO notifications (id, user_id, kind, title, body, link, created_at, wechat_topic, subject, event_at, place)
    SELECT lower(hex(randomblob(8))), user_id, ${notice.kind}, ${notice.title}, ${notice.body}, ${notice.link ?? null}, ${at},
           ${topicOf(notice.kind)}, ${notice.subject ?? null}, ${notice.at ?? null}, ${notice.place ?? null}
    FROM (${userIdsQuery}) WHERE user_id IS NOT NULL GROUP BY user_id`)
}
