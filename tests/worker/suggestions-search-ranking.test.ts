import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import { expectStatus, HUAISHU, one, resetRateLimits, rows, run } from './suggestion-helpers'
import { rawRequest } from './client'
import {
  matchExpression,
  minimumShared,
  searchTerms,
  searchTextOf,
} from '../../worker/lib/chinese-search'

// The ranked search returns what decision 012 defines, page after page. The oracle below is that
// definition written plainly: every public row FTS5 matches, counted by instr over the padded
// indexed text, the floor applied before ordering, ordered by shared terms, BM25, id — the query
// search ran before it ranked a narrower inner query and joined the page to its cards. The API's
// pages, walked with small limits, must be exactly the oracle's order, on a set with many ties
// (identical texts have identical BM25, so the id decides), rows below the floor, hidden,
// unmoderated, and other categories and alleys.

type Ranked = { id: string; shared: number; rank: number }

async function oracle(q: string, filters: { category?: string; alleyId?: string } = {}) {
  const terms = searchTerms(q)
  const needle = (t: { token: string; prefix: boolean }) =>
    t.prefix ? ` ${t.token}` : ` ${t.token} `
  const shared = terms.map(() => `(instr(' ' || s.search_text || ' ', ?) > 0)`).join(' + ')
  const where: string[] = []
  const params: unknown[] = []
  if (filters.category) {
    where.push('AND s.category = ?')
    params.push(filters.category)
  }
  if (filters.alleyId) {
    where.push('AND s.alley_id = ?')
    params.push(filters.alleyId)
  }
  return rows<Ranked>(
    `SELECT s.id AS id, (${shared}) AS shared, bm25(suggestions_fts) AS rank
     FROM suggestions_fts JOIN suggestions s ON s.rowid = suggestions_fts.rowid
     WHERE suggestions_fts MATCH ? AND s.community_id = ? AND s.status <> 'submitted'
       AND s.hidden_at IS NULL ${where.join(' ')} AND (${shared}) >= ?
     ORDER BY shared DESC, rank ASC, s.id DESC`,
    ...terms.map(needle),
    matchExpression(terms),
    HUAISHU,
    ...params,
    ...terms.map(needle),
    minimumShared(terms.length),
  )
}

const list = async (query: string) =>
  expectStatus(await rawRequest('GET', `/api/communities/${HUAISHU}/suggestions?${query}`), 200)
    .body as { items: { id: string }[]; nextCursor: string | null }

/** Every page of a search, in order; fails on a page that repeats an id. */
async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  for (let page = 0; page < 300; page++) {
    const body = await list(
      `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    const ids = body.items.map((s) => s.id)
    expect(ids.filter((id) => seen.includes(id))).toEqual([])
    seen.push(...ids)
    cursor = body.nextCursor
    if (!cursor) return seen
  }
  throw new Error('more than 300 pages')
}

beforeAll(async () => {
  await seedDemo()
  const author = await one<{ user: string; household: string }>(
    `SELECT author_user_id AS user, author_household_id AS household FROM suggestions
     WHERE community_id = ? LIMIT 1`,
    HUAISHU,
  )
  // [title, description, landmark, category, alley, status, hidden, copies]
  const fixtures: [string, string, string, string, string | null, string, boolean, number][] = [
    // Identical texts: equal BM25, ordered by id among themselves.
    [
      '青石巷路灯太暗',
      '晚上路灯太暗，看不清台阶。',
      '',
      'lighting',
      'al-huaishu-1',
      'published',
      false,
      6,
    ],
    ['槐树弄路灯太暗', '路灯太暗。', '', 'lighting', 'al-huaishu-2', 'accepted', false, 5],
    // Two of three terms, one of three (the floor for 路灯太暗 is one).
    ['路灯太旧', '青石巷的路灯用了二十年。', '', 'lighting', 'al-huaishu-1', 'published', false, 3],
    ['弄堂太暗', '过道没有灯。', '12号门口', 'safety', 'al-huaishu-3', 'adopted', false, 4],
    // The same words, more often: a different BM25.
    [
      '路灯太暗路灯太暗',
      '路灯太暗，路灯太暗，路灯太暗。',
      '',
      'lighting',
      null,
      'in_progress',
      false,
      2,
    ],
    // House numbers: 12号 is the token 12 and the prefix 号 (号门, 号楼).
    [
      '12号楼路灯',
      '12号楼门口路灯太暗。',
      '12号楼',
      'lighting',
      'al-huaishu-2',
      'published',
      false,
      3,
    ],
    ['120号', '门牌120号旁边垃圾桶满了。', '', 'litter', 'al-huaishu-2', 'published', false, 2],
    // A character FTS5's tokenizer treats as a separator (U+4DC0, a Yijing hexagram) inside a
    // bigram: FTS5 indexes "灯䷀" as the lone 灯, which "灯，暗。" also holds. Whether a row holds
    // "灯䷀" is what its text says (decision 012), not what the index finds for the term.
    ['路灯\u4dc0暗', '路灯\u4dc0暗。', '', 'lighting', 'al-huaishu-3', 'published', false, 2],
    ['换灯', '灯，暗。', '', 'lighting', 'al-huaishu-3', 'published', false, 2],
    // Never listed: hidden, awaiting moderation.
    [
      '青石巷路灯太暗',
      '晚上路灯太暗，看不清台阶。',
      '',
      'lighting',
      'al-huaishu-1',
      'published',
      true,
      2,
    ],
    [
      '青石巷路灯太暗',
      '晚上路灯太暗，看不清台阶。',
      '',
      'lighting',
      'al-huaishu-1',
      'submitted',
      false,
      2,
    ],
  ]
  let n = 0
  for (const [title, description, landmark, category, alley, status, hidden, copies] of fixtures)
    for (let k = 0; k < copies; k++) {
      n++
      // Ids not in insertion order, so the id order is not the rowid order.
      const id = `rk-${String((n * 7919) % 1000).padStart(3, '0')}`
      await run(
        `INSERT INTO suggestions (id, community_id, author_user_id, author_household_id,
           author_building_label, show_name, title, description, category, alley_id, landmark,
           status, hidden_at, search_text, created_at, updated_at)
         VALUES (?, ?, ?, ?, '1号楼', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        HUAISHU,
        author.user,
        author.household,
        title,
        description,
        category,
        alley,
        landmark,
        status,
        hidden ? 1 : null,
        searchTextOf(title, description, landmark),
        1_000 + n,
        1_000 + n,
      )
    }
})
beforeEach(resetRateLimits)

const SEARCHES: [string, { category?: string; alleyId?: string }][] = [
  ['路灯太暗', {}],
  ['路灯太暗', { category: 'lighting' }],
  ['路灯太暗', { alleyId: 'al-huaishu-2' }],
  ['青石巷的路灯', {}],
  ['12号', {}],
  ['12号楼门口', { category: 'lighting', alleyId: 'al-huaishu-2' }],
  ['路灯\u4dc0暗', {}],
]

describe('ranked search: the pages are the order decision 012 defines', () => {
  it('the fixture has what the ranking must order: ties, several shared counts, a floor', async () => {
    const ranked = await oracle('路灯太暗')
    const ranks = ranked.map((r) => `${r.shared}:${r.rank}`)
    // Ties: rows with equal shared and BM25, ordered by id alone.
    expect(new Set(ranks).size).toBeLessThan(ranks.length - 5)
    expect(new Set(ranked.map((r) => r.shared)).size).toBeGreaterThan(1)
    // 12号楼门口 (12, 号楼, 楼门, 门口) needs two terms: a row with only 12 is not listed.
    const landmark = await oracle('12号楼门口')
    expect(landmark.length).toBeGreaterThan(0)
    expect(landmark.every((r) => r.shared >= 2)).toBe(true)
  })

  it.each(SEARCHES)('%s %o: walked one row a page and three a page', async (q, filters) => {
    const expected = (await oracle(q, filters)).map((r) => r.id)
    expect(expected.length).toBeGreaterThan(2)
    const query = new URLSearchParams({ q, ...filters }).toString()
    expect(await walk(query, 1)).toEqual(expected)
    expect(await walk(query, 3)).toEqual(expected)
    expect((await list(`${query}&limit=50`)).items.map((s) => s.id)).toEqual(expected.slice(0, 50))
  })
})

describe('ranked search: a long query on a later page', () => {
  it('answers within the 100 bound parameters of D1 (16 terms, a filter, a cursor)', async () => {
    // 18 characters, 17 bigrams: searchTerms keeps 16, the most it takes.
    const q = '青石巷路灯太暗晚上看不清台阶过道没有'
    expect(searchTerms(q)).toHaveLength(16)
    for (const filters of [{}, { category: 'lighting' }] as Record<string, string>[]) {
      const query = new URLSearchParams({ q, ...filters, limit: '1' }).toString()
      const first = await list(query)
      expect(first.nextCursor).not.toBeNull()
      const second = await list(`${query}&cursor=${encodeURIComponent(first.nextCursor!)}`)
      expect(second.items).toHaveLength(1)
      expect(second.items[0]!.id).not.toBe(first.items[0]!.id)
    }
  })
})
