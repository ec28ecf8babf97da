import { and, asc, desc, eq, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  suggestionReads,
  suggestions,
  suggestionSearch,
  suggestionSupports,
  type SuggestionCategory,
  type SuggestionStatus,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { mapRead, readBatch, rowRead, rowsRead } from '../lib/db'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import {
  indexedAsWritten,
  isSingleCharacter,
  matchExpression,
  minimumShared,
  searchTerms,
  termNeedle,
} from '../lib/chinese-search'
import { afterCursor, compositeKey, decodeCursor, keyParts, toPage } from '../lib/pagination'
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

/** The columns the public filters read: the suggestion's own, or its narrow copy (suggestion_search). */
type FilterColumns = Record<
  'communityId' | 'status' | 'hiddenAt' | 'category' | 'alleyId' | 'answerDueAt' | 'answeredAt',
  SQLiteColumn
>

/** What every public list filters on: the community, public, and the chosen filters. */
function publicFilters(
  t: FilterColumns,
  communityId: string,
  query: ListQuery,
): (SQL | undefined)[] {
  return [
    eq(t.communityId, communityId),
    ne(t.status, 'submitted'),
    isNull(t.hiddenAt),
    query.status ? eq(t.status, query.status) : undefined,
    query.category ? eq(t.category, query.category) : undefined,
    query.alleyId ? eq(t.alleyId, query.alleyId) : undefined,
    query.overdue === 'true'
      ? and(isNotNull(t.answerDueAt), isNull(t.answeredAt), lt(t.answerDueAt, now()))
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
    ...publicFilters(suggestions, communityId, query),
    afterCursor(sortColumn, suggestions.id, cursor, 'desc'),
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
 * Every row sharing a term is ranked (a common bigram is in thousands), so what is read per
 * matched row is what a search costs (decision 012, "How the query runs"):
 * - the filters are checked on the row's narrow copy (suggestion_search, kept by triggers) found
 *   by the FTS rowid, not on its wide row; a category or alley first on its index;
 * - which terms a row holds comes from the index: one MATCH per term, each read once into a list
 *   of rowids — except in a category or alley, where the few rows that pass are read instead, and
 *   for a term FTS5 might cut differently from chinese-search (indexedAsWritten);
 * - when at least a page of rows after the cursor holds every term, the page is those rows alone:
 *   they rank before all others, so the ranking is asked of the rows FTS5 finds for all the terms
 *   (their BM25 is the same as under "any term": the same phrases, the same instances) and
 *   nothing counts the terms. A count of at most limit + 1 such rows, without ranking them,
 *   decides it, inside the statement;
 * - only the page (limit + 1 rows) is joined to its alley, author and cover photo. The floor of
 *   minimumShared is applied to the page, after the limit: the ranking puts every row below the
 *   floor after every row above it, so the rows it removes are the page's tail. (The author is a
 *   foreign key, never deleted, so joining users after the limit drops no row.)
 * CROSS JOIN keeps the FTS index as the outer loop, which is the plan this depends on.
 */
export function buildSearchQuery(db: Db, communityId: string, query: ListQuery) {
  const terms = searchTerms(query.q ?? '')
  const anyTerm = matchExpression(terms)
  if (!anyTerm) return null
  const cursor = decodeCursor(query.cursor)
  const after = cursor ? { ...parseRankCursor(cursor.k), id: cursor.id } : null
  const rank = sql<number>`bm25(suggestions_fts)`
  const filters = and(
    sql`${suggestionSearch.suggestionRowid} = ${suggestionsFts.rowid}`,
    ...indexedPrefilters(communityId, query),
    ...publicFilters(suggestionSearch, communityId, query),
  )
  // In a category or an alley few of the matched rows pass (indexedPrefilters), and reading those
  // rows' text costs less than listing every row that holds a term, or than asking first whether
  // a page of them holds every term.
  const narrowed = Boolean(query.category || query.alleyId)
  const fromIndex = (t: { token: string }) => !narrowed && indexedAsWritten(t)
  const counted = sql<number>`(${sql.join(
    terms.map((t) => termPresence(t, fromIndex(t))),
    sql` + `,
  )})`
  // The all-terms shortcut, where FTS5 finds "every term" exactly as the count would and a row
  // after the cursor may still hold them all. Decided once per statement (search_tier).
  const shortcut =
    !narrowed &&
    terms.length > 1 &&
    terms.every(indexedAsWritten) &&
    (!after || after.shared >= terms.length)
  const pageSize = query.limit + 1
  const allTerms = matchExpression(terms, 'AND')
  const tier = db.$with('search_tier', { enough: sql<number>`enough` }).as(
    sql`SELECT (SELECT count(*) FROM (SELECT 1 FROM ${suggestionsFts} CROSS JOIN ${suggestionSearch}
      WHERE suggestions_fts MATCH ${allTerms} AND ${filters}
      ${after ? sql`AND ${afterRankedCursor(after, sql`${terms.length}`, rank, suggestionSearch.suggestionId)}` : sql``}
      LIMIT ${pageSize})) = ${pageSize} AS enough`,
  )
  const enough = sql`(SELECT enough FROM search_tier)`
  const match = shortcut ? sql`CASE WHEN ${enough} THEN ${allTerms} ELSE ${anyTerm} END` : anyTerm
  const shared = shortcut
    ? sql<number>`(CASE WHEN ${enough} THEN ${terms.length} ELSE ${counted} END)`
    : terms.length === 1 && indexedAsWritten(terms[0]!)
      ? sql<number>`1` // every row FTS5 finds for a lone term holds it
      : counted
  // Every match with what the ranking needs. Its LIMIT (none in effect) keeps SQLite from merging
  // it into the ranking below, which would copy the shared count into the cursor's condition
  // (its term lists built again, and their parameters bound again, per copy).
  const matches = db
    .select({
      rowid: sql<number>`${suggestionSearch.suggestionRowid}`.as('search_rowid'),
      id: sql<string>`${suggestionSearch.suggestionId}`.as('search_id'),
      shared: shared.as('search_shared'),
      rank: rank.as('search_rank'),
    })
    .from(suggestionsFts)
    .crossJoin(suggestionSearch)
    .where(and(sql`suggestions_fts MATCH ${match}`, filters))
    .limit(Number.MAX_SAFE_INTEGER)
    .as('matches')
  const ranked = db
    .select({ rowid: matches.rowid, id: matches.id, shared: matches.shared, rank: matches.rank })
    .from(matches)
    .where(after ? afterRankedCursor(after, matches.shared, matches.rank, matches.id) : undefined)
    .orderBy(desc(matches.shared), asc(matches.rank), desc(matches.id))
    .limit(pageSize)
    .as('ranked')
  return (shortcut ? db.with(tier) : db)
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
 * of the other categories or alleys, most of what a common bigram matches, are then never looked
 * up. The filter itself stays in publicFilters, so this only skips rows it would refuse. The
 * unary + keeps SQLite from handing the IN to FTS5 as a rowid lookup, which would run the MATCH
 * again for every listed rowid. A status is not prefiltered: one status can be most of a community.
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

/**
 * Whether the current FTS row holds a term (0 or 1). From the index: the term's own MATCH, read
 * once per query into a list of rowids. Otherwise from the row's indexed text, as decision 012
 * defines it (termNeedle): for a term FTS5 may cut differently (indexedAsWritten), and where few
 * rows pass the filters (then reading those rows costs less than listing every row with the term).
 */
function termPresence(term: { token: string; prefix: boolean }, fromIndex: boolean): SQL {
  if (fromIndex)
    return sql`(${suggestionsFts.rowid} IN (SELECT rowid FROM suggestions_fts WHERE suggestions_fts MATCH ${matchExpression([term])}))`
  const { needle, padBefore, padAfter } = termNeedle(term)
  const text = sql.raw(
    padAfter ? `' ' || s.search_text || ' '` : padBefore ? `' ' || s.search_text` : 's.search_text',
  )
  return sql`(SELECT instr(${text}, ${needle}) > 0 FROM ${suggestions} s WHERE s.rowid = ${suggestionsFts.rowid})`
}

/** Rows after the cursor's place in the ranking: fewer shared terms, a higher BM25, a lower id. */
function afterRankedCursor(
  after: { shared: number; rank: number; id: string },
  shared: SQL | SQL.Aliased | SQLiteColumn,
  rank: SQL | SQL.Aliased | SQLiteColumn,
  id: SQL | SQL.Aliased | SQLiteColumn,
): SQL {
  return sql`(${shared} < ${after.shared} OR (${shared} = ${after.shared} AND (${rank} > ${after.rank} OR (${rank} = ${after.rank} AND ${id} < ${after.id}))))`
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
