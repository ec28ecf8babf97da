import { sql } from 'drizzle-orm'
import type { Db } from '../lib/env'
import type { Read } from '../lib/db'

// News of my 金点子 on my home (首页): the unread inbox notices about the ones I wrote or
// support (answers, progress, completion, a council's resolution). The inbox already holds
// exactly this, so the home shows it rather than recomputing it from the timelines.

export type News = {
  unread: number
  items: { id: string; title: string; body: string; link: string | null; createdAt: number }[]
}

const ABOUT_MY_SUGGESTIONS = sql`(kind LIKE 'suggestion.%' OR kind = 'meeting.resolution')`

export function suggestionNewsRead(db: Db, userId: string): Read<News> {
  return {
    statement: db.all(sql`
      SELECT id, title, body, link, created_at AS createdAt,
             (SELECT COUNT(*) FROM notifications WHERE user_id = ${userId} AND read_at IS NULL AND ${ABOUT_MY_SUGGESTIONS}) AS unread
      FROM notifications WHERE user_id = ${userId} AND read_at IS NULL AND ${ABOUT_MY_SUGGESTIONS}
      ORDER BY created_at DESC, id DESC LIMIT 3`),
    map: (rows) => ({
      unread: Number(rows[0]?.unread ?? 0),
      items: rows.map((r) => ({
        id: String(r.id),
        title: String(r.title),
        body: String(r.body),
        link: r.link === null ? null : String(r.link),
        createdAt: Number(r.createdAt),
      })),
    }),
  }
}
