import { and, desc, eq, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import {
  suggestionReads,
  suggestions,
  suggestionSupports,
  type SuggestionCategory,
  type SuggestionStatus,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { isSingleCharacter, matchExpression } from '../lib/chinese-search'
import { decodeCursor, toPage } from '../lib/pagination'
import { now } from '../lib/time'
import { notFound } from '../lib/errors'
import { alleys, communities, users } from '../../db/schema'
import { selectSummaries, summaryColumns, toSummary } from './repo'

export type ListQuery = {
  sort: 'new' | 'support' | 'updated'
  status?: SuggestionStatus
  category?: SuggestionCategory
  alleyId?: string
  q?: string
  overdue?: 'true' | 'false'
  cursor?: string
  limit: number
}

const SORT_COLUMN = {
  new: suggestions.createdAt,
  support: suggestions.supportCount,
  updated: suggestions.updatedAt,
} as const

/** The public list of a community: never content awaiting moderation or hidden. */
export async function listSuggestions(
  db: Db,
  photoSecret: string,
  communityId: string,
  query: ListQuery,
) {
  const community = await db
    .select({ id: communities.id })
    .from(communities)
    .where(eq(communities.id, communityId))
    .get()
  if (!community) throw notFound('社区')
  const listQuery = buildListQuery(db, communityId, query)
  if (!listQuery) return { items: [], nextCursor: null }
  const rows = await listQuery
  const page = toPage(rows, query.limit, (r) => ({
    k: r.s[
      query.sort === 'new' ? 'createdAt' : query.sort === 'support' ? 'supportCount' : 'updatedAt'
    ],
    id: r.s.id,
  }))
  return {
    nextCursor: page.nextCursor,
    items: await Promise.all(page.items.map((r) => toSummary(r, photoSecret))),
  }
}

/** The list's SQL, apart so that a test can check its query plan; null when the search has no words. */
export function buildListQuery(db: Db, communityId: string, query: ListQuery) {
  const sortColumn = SORT_COLUMN[query.sort]
  const cursor = decodeCursor(query.cursor)
  const filters: (SQL | undefined)[] = [
    eq(suggestions.communityId, communityId),
    ne(suggestions.status, 'submitted'),
    isNull(suggestions.hiddenAt),
    query.status ? eq(suggestions.status, query.status) : undefined,
    query.category ? eq(suggestions.category, query.category) : undefined,
    query.alleyId ? eq(suggestions.alleyId, query.alleyId) : undefined,
    query.overdue === 'true'
      ? and(
          isNotNull(suggestions.answerDueAt),
          isNull(suggestions.answeredAt),
          lt(suggestions.answerDueAt, now()),
        )
      : undefined,
    cursor
      ? or(
          lt(sortColumn, Number(cursor.k)),
          and(eq(sortColumn, Number(cursor.k)), lt(suggestions.id, cursor.id)),
        )
      : undefined,
  ]
  if (query.q) {
    if (isSingleCharacter(query.q)) {
      filters.push(
        or(
          sql`instr(${suggestions.title}, ${query.q}) > 0`,
          sql`instr(${suggestions.description}, ${query.q}) > 0`,
        ),
      )
    } else {
      const match = matchExpression(query.q)
      if (!match) return null
      filters.push(
        sql`${suggestions}.rowid IN (SELECT rowid FROM suggestions_fts WHERE suggestions_fts MATCH ${match})`,
      )
    }
  }
  return selectSummaries(db)
    .where(and(...filters))
    .orderBy(desc(sortColumn), desc(suggestions.id))
    .limit(query.limit + 1)
}

/** 我的金点子: what I submitted, or what I support, with a mark where something new happened. */
export async function listMySuggestions(
  db: Db,
  photoSecret: string,
  actor: SessionUser | null,
  tab: 'mine' | 'supported',
) {
  const user = requireUser(actor)
  const base = db
    .select({ ...summaryColumns, lastReadAt: suggestionReads.lastReadAt })
    .from(suggestions)
    .leftJoin(alleys, eq(alleys.id, suggestions.alleyId))
    .innerJoin(users, eq(users.id, suggestions.authorUserId))
    .leftJoin(
      suggestionReads,
      and(eq(suggestionReads.suggestionId, suggestions.id), eq(suggestionReads.userId, user.id)),
    )
  const rows =
    tab === 'mine'
      ? await base
          .where(eq(suggestions.authorUserId, user.id))
          .orderBy(desc(suggestions.updatedAt))
          .limit(100)
      : await base
          .innerJoin(
            suggestionSupports,
            and(
              eq(suggestionSupports.suggestionId, suggestions.id),
              eq(suggestionSupports.userId, user.id),
            ),
          )
          .where(and(ne(suggestions.authorUserId, user.id), isNull(suggestions.hiddenAt)))
          .orderBy(desc(suggestions.updatedAt))
          .limit(100)
  return {
    items: await Promise.all(
      rows.map(async (r) => ({
        ...(await toSummary(r, photoSecret)),
        unread: r.s.updatedAt > (r.lastReadAt ?? r.s.createdAt),
      })),
    ),
  }
}
