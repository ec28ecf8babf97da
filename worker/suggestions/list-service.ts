import { and, asc, desc, eq, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import {
  suggestionReads,
  suggestions,
  suggestionSupports,
  type SuggestionCategory,
  type SuggestionStatus,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { mapRead, readBatch, rowRead, rowsRead } from '../lib/db'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import {
  isSingleCharacter,
  matchExpression,
  minimumShared,
  searchTerms,
  termNeedle,
} from '../lib/chinese-search'
import { compositeKey, decodeCursor, keyParts, toPage } from '../lib/pagination'
import { now } from '../lib/time'
import { notFound } from '../lib/errors'
import { alleys, communities, users } from '../../db/schema'
import { selectSummaries, suggestionsFts, summaryColumns, toSummary } from './repo'

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
  // One round trip: whether the community exists, and the page.
  const community = mapRead(
    rowRead(
      db.select({ id: communities.id }).from(communities).where(eq(communities.id, communityId)),
    ),
    Boolean,
  )
  if (query.q && !isSingleCharacter(query.q)) {
    const search = buildSearchQuery(db, communityId, query)
    if (!search) {
      const [exists] = await readBatch(db, [community])
      if (!exists) throw notFound('社区')
      return { items: [], nextCursor: null }
    }
    const [exists, rows] = await readBatch(db, [community, rowsRead(search)])
    if (!exists) throw notFound('社区')
    // The cursor holds the row's place in the ranking: "shared:bm25".
    const page = toPage(rows, query.limit, (r) => ({
      k: compositeKey(r.shared, r.rank),
      id: r.s.id,
    }))
    return {
      nextCursor: page.nextCursor,
      items: await Promise.all(page.items.map((r) => toSummary(r, photoSecret))),
    }
  }
  const [exists, rows] = await readBatch(db, [
    community,
    rowsRead(buildListQuery(db, communityId, query)!),
  ])
  if (!exists) throw notFound('社区')
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

/** What every public list filters on: the community, public, and the chosen filters. */
function publicFilters(communityId: string, query: ListQuery): (SQL | undefined)[] {
  return [
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
  ]
}

/**
 * The list's SQL, apart so that a test can check its query plan. A search of two or more
 * characters is buildSearchQuery's (ranked); a single character is looked for in title and
 * description and keeps the chosen sort.
 */
export function buildListQuery(db: Db, communityId: string, query: ListQuery) {
  if (query.q && !isSingleCharacter(query.q)) return buildSearchQuery(db, communityId, query)
  const sortColumn = SORT_COLUMN[query.sort]
  const cursor = decodeCursor(query.cursor)
  const filters: (SQL | undefined)[] = [
    ...publicFilters(communityId, query),
    cursor
      ? or(
          lt(sortColumn, Number(cursor.k)),
          and(eq(sortColumn, Number(cursor.k)), lt(suggestions.id, cursor.id)),
        )
      : undefined,
  ]
  if (query.q)
    filters.push(
      or(
        sql`instr(${suggestions.title}, ${query.q}) > 0`,
        sql`instr(${suggestions.description}, ${query.q}) > 0`,
      ),
    )
  return selectSummaries(db)
    .where(and(...filters))
    .orderBy(desc(sortColumn), desc(suggestions.id))
    .limit(query.limit + 1)
}

/**
 * 搜索: the public suggestions sharing at least a third of the query's terms (bigrams), those
 * sharing most first, then by BM25 over the bigram index, then newest id (decision 012). The
 * chosen sort does not apply: the best match comes first. Null when nothing searchable is left.
 *
 * Every row sharing a term is ranked (a common bigram is in thousands), so the ranking reads as
 * little as it can per row: an inner query ranks the matching public rows on what the ranking
 * needs alone (rowid, id, shared, bm25), counts the shared terms once per row, and keeps the page
 * (limit + 1 rows); only those rows are then joined to their alley, author and cover photo. The
 * floor of minimumShared is applied to the page, after the limit: the ranking puts every row
 * below the floor after every row above it, so the rows it removes are the page's tail and the
 * page is the one the floor-first query gives. (The author is a foreign key, never deleted, so
 * joining users after the limit drops no row.) CROSS JOIN keeps the FTS index as the outer loop,
 * which is the plan this depends on.
 */
export function buildSearchQuery(db: Db, communityId: string, query: ListQuery) {
  const terms = searchTerms(query.q ?? '')
  const match = matchExpression(terms)
  if (!match) return null
  // How many of the terms the row's indexed text holds (each test is 0 or 1).
  const shared = sql<number>`(${sql.join(
    terms.map((t) => {
      const { needle, padBefore, padAfter } = termNeedle(t)
      const text = padAfter
        ? sql`' ' || ${suggestions.searchText} || ' '`
        : padBefore
          ? sql`' ' || ${suggestions.searchText}`
          : sql`${suggestions.searchText}`
      return sql`(instr(${text}, ${needle}) > 0)`
    }),
    sql` + `,
  )})`
  const rank = sql<number>`bm25(suggestions_fts)`
  const cursor = decodeCursor(query.cursor)
  const after = cursor ? parseRankCursor(cursor.k) : null
  const ranked = db
    .select({
      rowid: sql<number>`${suggestions}.rowid`.as('search_rowid'),
      id: sql<string>`${suggestions.id}`.as('search_id'),
      shared: shared.as('search_shared'),
      rank: rank.as('search_rank'),
    })
    .from(suggestionsFts)
    .crossJoin(suggestions)
    .where(
      and(
        sql`${suggestions}.rowid = ${suggestionsFts.rowid}`,
        sql`suggestions_fts MATCH ${match}`,
        ...publicFilters(communityId, query),
        ...indexedPrefilters(communityId, query),
        after && cursor
          ? sql`(${shared} < ${after.shared} OR (${shared} = ${after.shared} AND (${rank} > ${after.rank} OR (${rank} = ${after.rank} AND ${suggestions.id} < ${cursor.id}))))`
          : undefined,
      ),
    )
    .orderBy(sql`search_shared DESC`, sql`search_rank`, desc(suggestions.id))
    .limit(query.limit + 1)
    .as('ranked')
  return db
    .select({ ...summaryColumns, shared: ranked.shared, rank: ranked.rank })
    .from(ranked)
    .crossJoin(suggestions)
    .leftJoin(alleys, eq(alleys.id, suggestions.alleyId))
    .innerJoin(users, eq(users.id, suggestions.authorUserId))
    .where(
      and(
        sql`${suggestions}.rowid = ${ranked.rowid}`,
        sql`${ranked.shared} >= ${minimumShared(terms.length)}`,
      ),
    )
    .orderBy(desc(ranked.shared), asc(ranked.rank), desc(ranked.id))
}

/**
 * A category or alley filter checked on its index before the row is read: the FTS row's rowid
 * among the rowids the index lists (a list built once per query from the index alone). The rows
 * of the other categories or alleys, most of what a common bigram matches, are then never read.
 * The filter itself stays in publicFilters, so this only skips rows it would refuse. The unary +
 * keeps SQLite from handing the IN to FTS5 as a rowid lookup, which would run the MATCH again
 * for every listed rowid. A status is not prefiltered: one status can be most of a community.
 */
function indexedPrefilters(communityId: string, query: ListQuery): (SQL | undefined)[] {
  return [
    query.category
      ? sql`+${suggestionsFts.rowid} IN (SELECT c.rowid FROM ${suggestions} c WHERE c.community_id = ${communityId} AND c.category = ${query.category})`
      : undefined,
    query.alleyId
      ? sql`+${suggestionsFts.rowid} IN (SELECT c.rowid FROM ${suggestions} c WHERE c.alley_id = ${query.alleyId})`
      : undefined,
  ]
}

function parseRankCursor(k: number | string): { shared: number; rank: number } {
  const [shared, rank] = keyParts(k, 2)
  return { shared: shared!, rank: rank! }
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
    .select({
      ...summaryColumns,
      lastReadAt: suggestionReads.lastReadAt,
      // 代办 (decision 019): who supported it for her, on 我附议的.
      supportActedBy: sql<string | null>`(SELECT u.nickname FROM ${suggestionSupports} ss
        JOIN ${users} u ON u.id = ss.acted_by
        WHERE ss.suggestion_id = ${suggestions.id} AND ss.user_id = ${user.id})`.as(
        'support_acted_by',
      ),
    })
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
        supportActedBy: tab === 'supported' ? r.supportActedBy : null,
      })),
    ),
  }
}
