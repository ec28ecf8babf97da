import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import {
  count,
  demoLogins,
  expectStatus,
  HUAISHU,
  one,
  resetRateLimits,
  rows,
  run,
  submit,
  suggestionIn,
  tick,
  verifiedResidents,
} from './suggestion-helpers'
import { client, rawRequest, send, succeeded } from './client'

// Reading 金点子: sorted lists with cursor pagination, filters, Chinese search, similar
// suggestions while typing, 我的金点子 with unread marks, comments, flags and moderation.

const login = demoLogins()
let wang: string, li: string, zhang: string, staff: string

beforeAll(async () => {
  await seedDemo()
  ;[wang, li, zhang, staff] = await login.all(
    'resident-wang',
    'resident-li',
    'resident-zhang',
    'staff-zhao',
  )
})
beforeEach(resetRateLimits)

const list = async (query: string, token?: string) =>
  expectStatus(
    await rawRequest('GET', `/api/communities/${HUAISHU}/suggestions${query ? `?${query}` : ''}`, {
      token,
    }),
    200,
  ).body
const idsOf = (body: { items: { id: string }[] }) => body.items.map((s) => s.id)
const search = async (q: string, extra = '') =>
  idsOf(await list(`q=${encodeURIComponent(q)}&limit=50${extra}`))

/** Follows nextCursor to the end; fails on a page that repeats an id. */
async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  for (let page = 0; page < 200; page++) {
    const body = await list(
      `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    expect(body.items.length).toBeLessThanOrEqual(limit)
    seen.push(...idsOf(body))
    cursor = body.nextCursor
    if (!cursor) return seen
    expect(body.items).toHaveLength(limit)
  }
  throw new Error('pagination never ended')
}

describe('GET /api/communities/{id}/suggestions: sorts and cursor pagination', () => {
  const COLUMN = { new: 'created_at', support: 'support_count', updated: 'updated_at' } as const
  let submitted: string, hidden: string

  beforeAll(async () => {
    const crowd = await verifiedResidents('lists-crowd', 6)
    const ids: string[] = []
    for (let i = 0; i < 12; i++)
      ids.push(await suggestionIn(i % 4 === 3 ? 'accepted' : 'published', { author: wang, staff }))
    // Support counts 1–7 with many ties.
    for (const [i, id] of ids.entries()) {
      const n = i % 4 === 0 ? 0 : i % 3
      await Promise.all(
        crowd
          .slice(0, n * 3 > 6 ? 6 : n * 3)
          .map((r) => send(client(r.token).suggestions[':id'].support.$post({ param: { id } }))),
      )
    }
    // Ties on every sort key, which the (key, id) cursor must break.
    await run(
      'UPDATE suggestions SET created_at = 1790000000000 WHERE id IN (?, ?, ?)',
      ids[0],
      ids[1],
      ids[2],
    )
    await run(
      'UPDATE suggestions SET updated_at = 1790000000000 WHERE id IN (?, ?, ?, ?)',
      ids[3],
      ids[4],
      ids[5],
      ids[6],
    )
    submitted = await suggestionIn('submitted', { author: wang, staff })
    hidden = await suggestionIn('published', { author: wang, staff })
    expectStatus(
      await send(
        client(staff).suggestions[':id'].hide.$post({
          param: { id: hidden },
          json: { reason: '重复' },
        }),
      ),
      200,
    )
  })

  for (const sort of ['new', 'support', 'updated'] as const) {
    it(`sort=${sort}: every page size walks the whole public list once, in (${COLUMN[sort]}, id) descending order`, async () => {
      const expected = (
        await rows<{ id: string }>(
          `SELECT id FROM suggestions WHERE community_id = ? AND status != 'submitted' AND hidden_at IS NULL ORDER BY ${COLUMN[sort]} DESC, id DESC`,
          HUAISHU,
        )
      ).map((r) => r.id)
      expect(expected.length).toBeGreaterThanOrEqual(16)
      expect(idsOf(await list(`sort=${sort}&limit=50`))).toEqual(expected)
      for (const limit of [1, 3, 7]) {
        const walked = await walk(`sort=${sort}`, limit)
        expect(new Set(walked).size).toBe(walked.length)
        expect(walked).toEqual(expected)
      }
      expect(expected).not.toContain(submitted)
      expect(expected).not.toContain(hidden)
    })
  }

  it('shows support counts per person and per household on each card', async () => {
    const body = await list('sort=support&limit=50')
    for (const card of body.items) {
      const stored = await one(
        'SELECT support_count, support_household_count FROM suggestions WHERE id = ?',
        card.id,
      )
      expect([card.supportCount, card.supportHouseholdCount]).toEqual([
        stored.support_count,
        stored.support_household_count,
      ])
      expect(card.supportHouseholdCount).toBeLessThanOrEqual(card.supportCount)
    }
    expect(body.items[0].supportCount).toBeGreaterThan(body.items.at(-1).supportCount)
  })

  it('rejects a tampered cursor and an out-of-range limit in Chinese (400)', async () => {
    for (const query of [
      'cursor=not-a-cursor',
      `cursor=${btoa('{"k":1}')}`,
      'limit=0',
      'limit=51',
      'sort=popular',
    ]) {
      const res = expectStatus(
        await rawRequest('GET', `/api/communities/${HUAISHU}/suggestions?${query}`),
        400,
      )
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('GET /api/communities/{id}/suggestions: filters', () => {
  beforeAll(async () => {
    await suggestionIn(
      'adopted',
      { author: li, staff },
      { category: 'parking', alleyId: 'al-huaishu-4' },
    )
    await suggestionIn(
      'published',
      { author: li, staff },
      { category: 'parking', alleyId: 'al-huaishu-3' },
    )
    await suggestionIn(
      'not_adopted',
      { author: li, staff },
      { category: 'greening', alleyId: 'al-huaishu-4' },
    )
  })

  const filters: [string, string][] = [
    ['status=adopted', "status = 'adopted'"],
    ['status=accepted', "status = 'accepted'"],
    ['status=not_adopted', "status = 'not_adopted'"],
    ['category=parking', "category = 'parking'"],
    ['alleyId=al-huaishu-4', "alley_id = 'al-huaishu-4'"],
    ['category=parking&alleyId=al-huaishu-4', "category = 'parking' AND alley_id = 'al-huaishu-4'"],
    [
      'status=published&category=road_surface',
      "status = 'published' AND category = 'road_surface'",
    ],
    ['status=submitted', '0'],
  ]
  for (const [query, where] of filters) {
    it(`${query} returns exactly the matching public suggestions, across pages`, async () => {
      const expected = (
        await rows<{ id: string }>(
          `SELECT id FROM suggestions WHERE community_id = ? AND status != 'submitted' AND hidden_at IS NULL AND ${where} ORDER BY created_at DESC, id DESC`,
          HUAISHU,
        )
      ).map((r) => r.id)
      if (query !== 'status=submitted') expect(expected.length).toBeGreaterThan(0)
      expect(await walk(query, 2)).toEqual(expected)
    })
  }

  it('labels status and category in Chinese', async () => {
    const body = await list('status=not_adopted&category=greening')
    expect(body.items[0]).toMatchObject({
      status: 'not_adopted',
      statusLabel: '未采纳',
      category: 'greening',
      categoryLabel: '绿化',
    })
    expect(body.items[0].alley).toEqual({ id: 'al-huaishu-4', name: '菜场后弄' })
  })

  it('rejects an unknown category or status filter with a Chinese message (400)', async () => {
    expect(
      expectStatus(
        await rawRequest('GET', `/api/communities/${HUAISHU}/suggestions?category=graffiti`),
        400,
      ).body.error.message,
    ).toContain('请选择列表中的问题类别')
    expectStatus(
      await rawRequest('GET', `/api/communities/${HUAISHU}/suggestions?status=deleted`),
      400,
    )
  })
})

describe('GET /api/communities/{id}/suggestions?q=: Chinese full-text search', () => {
  let lamp: string, lampApart: string, bins: string, alleys: string, landmark: string
  beforeAll(async () => {
    const open = (overrides: Record<string, unknown>) =>
      suggestionIn('published', { author: zhang, staff }, overrides)
    lamp = await open({
      title: '后河沿路灯不亮',
      description: '后河沿步道的三盏路灯坏了一个多月，晚上散步看不见台阶。',
      category: 'lighting',
    })
    lampApart = await open({
      title: '步道边的灯坏了',
      description: '靠河的路边有一盏灯，灯罩碎了，晚上不亮。',
      category: 'lighting',
    })
    bins = await open({
      title: '槐树弄缺少分类垃圾桶',
      description: '弄堂口只有一个垃圾桶，厨余垃圾没有地方放，希望增设分类垃圾桶。',
      category: 'litter',
    })
    alleys = await open({
      title: '背街小巷整治要听居民意见',
      description: '背街小巷改造前希望先开居民议事会，听听住在巷子里的人怎么说。',
      category: 'other',
    })
    landmark = await open({
      title: '门口地面塌陷',
      description: '地面塌了一个坑，电动车经过很危险。',
      landmark: '槐荫里7弄12号门口',
      category: 'road_surface',
    })
  })

  it('finds a two-character word: 路灯 (and not text where 路 and 灯 are apart)', async () => {
    const found = await search('路灯')
    expect(found).toEqual(expect.arrayContaining([lamp, 'sg-demo-lights']))
    expect(found).not.toContain(lampApart)
    expect(found).not.toContain(bins)
  })

  it('finds longer words: 垃圾桶, 背街小巷, 分类垃圾桶', async () => {
    expect(await search('垃圾桶')).toEqual(expect.arrayContaining([bins, 'sg-demo-bins']))
    expect(await search('背街小巷')).toEqual([alleys])
    // Ranked by shared bigrams: all four of 分类垃圾桶 first, then 垃圾 + 圾桶 of 垃圾桶满溢.
    expect(await search('分类垃圾桶')).toEqual([bins, 'sg-demo-bins'])
    expect(await search('背街小巷 议事会')).toEqual([alleys])
  })

  it('finds words of the landmark, including a house number: 12号', async () => {
    expect(await search('槐荫里')).toContain(landmark)
    // 青石巷 12 号门口 is the landmark of a demo suggestion.
    expect(await search('12号')).toEqual(expect.arrayContaining([landmark, 'sg-demo-lights']))
    expect(await search('12号门口')).toEqual(expect.arrayContaining([landmark, 'sg-demo-lights']))
    // All four terms (7, 弄, 12, 号) first; rows with only two of them after it.
    expect((await search('7弄12号'))[0]).toBe(landmark)
  })

  it('finds what a resident means with other words: 路灯坏了 and 路灯不亮 find 青石巷路灯又不亮了', async () => {
    // sg-demo-lights-again of the demo seed: 青石巷路灯又不亮了.
    const again = 'sg-demo-lights-again'
    // 路灯坏了 shares only 路灯 with it (灯坏, 坏了 are not in its text): one term of three is enough.
    expect(await search('路灯坏了')).toEqual(expect.arrayContaining([again, lamp]))
    // 路灯不亮 shares 路灯 and 不亮: it ranks above the rows with 路灯 alone.
    const ranked = await search('路灯不亮')
    expect(ranked.slice(0, 2)).toEqual(expect.arrayContaining([again, lamp]))
    expect(ranked.indexOf('sg-demo-lights')).toBeGreaterThan(1)
    // A ranked search pages like any list: every row once, in the same order.
    const walked = await walk(`q=${encodeURIComponent('路灯不亮')}`, 1)
    expect(walked).toEqual(ranked)
  })

  it('falls back to a plain match for a single character', async () => {
    const found = await search('灯')
    expect(found).toEqual(expect.arrayContaining([lamp, lampApart, 'sg-demo-lights']))
    expect(found).not.toContain(bins)
  })

  it('finds nothing for words nobody wrote', async () => {
    expect(await search('游泳池')).toEqual([])
  })

  it('treats FTS operators typed by residents as text: no error, no injection', async () => {
    for (const q of [
      '"',
      '""',
      "'",
      'OR',
      'AND',
      'NOT',
      '路灯 OR',
      'OR 路灯',
      '路灯"',
      '"路灯',
      '*',
      '路灯*',
      '(',
      ')',
      'NEAR(路灯 垃圾)',
      '-路灯',
      'search_text:路灯',
      '^路灯',
      '%',
      '\\',
      '路灯 AND NOT 垃圾',
      '{路灯}',
    ]) {
      const res = await send(
        client().communities[':id'].suggestions.$get({ param: { id: HUAISHU }, query: { q } }),
      )
      expect([q, res.status]).toEqual([q, 200])
    }
    // The words around an operator still count.
    expect(await search('路灯"')).toContain(lamp)
    expect(await search('(路灯)')).toContain(lamp)
  })

  it('combines search with sorting, filters and pagination', async () => {
    expect(await search('路灯', '&category=lighting&sort=support')).toEqual(
      expect.arrayContaining([lamp, 'sg-demo-lights']),
    )
    expect(await search('路灯', '&category=litter')).toEqual([])
    const walked = await walk(`q=${encodeURIComponent('灯')}&sort=updated`, 1)
    expect(new Set(walked)).toEqual(new Set(await search('灯')))
  })

  it('rejects a query longer than 40 characters in Chinese (400)', async () => {
    const res = expectStatus(
      await send(
        client().communities[':id'].suggestions.$get({
          param: { id: HUAISHU },
          query: { q: '路'.repeat(41) },
        }),
      ),
      400,
    )
    expect(res.body.error.message).toContain('搜索词不能超过 40 个字')
  })
})

describe('GET /api/communities/{id}/suggestions/similar while typing', () => {
  let open: string, closed: string, hiddenOne: string, waiting: string, otherAlley: string
  const similar = async (params: Record<string, string>) =>
    idsOf(
      expectStatus(
        await rawRequest(
          'GET',
          `/api/communities/${HUAISHU}/suggestions/similar?${new URLSearchParams(params)}`,
        ),
        200,
      ).body,
    )

  beforeAll(async () => {
    const at = { category: 'clutter' as const, alleyId: 'al-huaishu-3' }
    open = await suggestionIn(
      'accepted',
      { author: li, staff },
      {
        ...at,
        title: '后河沿晾衣架占道',
        description: '沿河步道被晾衣架和杂物占了一半，推婴儿车过不去。',
      },
    )
    closed = await suggestionIn(
      'not_adopted',
      { author: li, staff },
      { ...at, title: '后河沿晾衣架挡路', description: '晾衣架把步道挡住了，希望清理。' },
    )
    hiddenOne = await suggestionIn(
      'published',
      { author: li, staff },
      { ...at, title: '后河沿晾衣架太多', description: '步道上晾衣架太多，希望统一设置晾晒区。' },
    )
    expectStatus(
      await send(
        client(staff).suggestions[':id'].hide.$post({
          param: { id: hiddenOne },
          json: { reason: '重复' },
        }),
      ),
      200,
    )
    waiting = await suggestionIn(
      'submitted',
      { author: li, staff },
      { ...at, title: '后河沿晾衣架又来了', description: '晾衣架问题又出现了，步道不好走。' },
    )
    otherAlley = await suggestionIn(
      'published',
      { author: li, staff },
      {
        category: 'greening',
        alleyId: 'al-huaishu-1',
        title: '槐树弄花坛缺人打理',
        description: '花坛里的月季没人浇水，枯了一大片。',
      },
    )
  })

  it('offers an open suggestion of the same alley and category that shares words', async () => {
    const found = await similar({
      title: '后河沿的晾衣架',
      description: '晾衣架占了步道',
      category: 'clutter',
      alleyId: 'al-huaishu-3',
    })
    expect(found[0]).toBe(open)
  })

  it('never offers closed, hidden or unpublished suggestions', async () => {
    const found = await similar({
      title: '后河沿晾衣架',
      description: '晾衣架挡路太多又来了',
      category: 'clutter',
      alleyId: 'al-huaishu-3',
    })
    expect(found).toContain(open)
    for (const id of [closed, hiddenOne, waiting]) expect(found).not.toContain(id)
  })

  it('offers a completed one too: the problem may be back (its supporters can rate it 未解决)', async () => {
    // sg-demo-lights: 青石巷夜间太暗，建议加装路灯 — completed in the demo seed.
    const found = await similar({
      title: '青石巷路灯又不亮了',
      description: '新装的路灯晚上不亮',
      category: 'lighting',
      alleyId: 'al-huaishu-2',
    })
    expect(found).toContain('sg-demo-lights')
  })

  it('offers by shared words alone, across alleys and categories', async () => {
    expect(await similar({ title: '花坛月季枯了' })).toContain(otherAlley)
  })

  it('does not offer unrelated suggestions, and at most five', async () => {
    expect(
      await similar({ title: '阳台漏水', description: '楼上阳台漏水到我家', category: 'other' }),
    ).not.toContain(open)
    expect(
      (await similar({ title: '路灯路面垃圾', category: 'road_surface', alleyId: 'al-huaishu-1' }))
        .length,
    ).toBeLessThanOrEqual(5)
  })

  it('offers the same alley and category before anything is typed, and survives FTS operators in what is typed', async () => {
    expect(await similar({ category: 'clutter', alleyId: 'al-huaishu-3' })).toContain(open)
    for (const title of ['"', 'OR', '晾衣架" OR "', '*', 'NEAR(']) {
      expectStatus(
        await send(
          client().communities[':id'].suggestions.similar.$get({
            param: { id: HUAISHU },
            query: { title },
          }),
        ),
        200,
      )
    }
  })

  it('lets a resident support the offered suggestion instead of posting a copy (我也关心)', async () => {
    const [offered] = await similar({
      title: '晾衣架占道',
      category: 'clutter',
      alleyId: 'al-huaishu-3',
    })
    const res = expectStatus(
      await send(client(zhang).suggestions[':id'].support.$post({ param: { id: offered! } })),
      200,
    )
    expect(res.body.supported).toBe(true)
  })
})

describe('GET /api/me/suggestions (我的金点子) with unread marks', () => {
  const tab = async (token: string, name: 'mine' | 'supported') =>
    expectStatus(await send(client(token).me.suggestions.$get({ query: { tab: name } })), 200).body
      .items as { id: string; unread: boolean }[]
  const unread = async (token: string, name: 'mine' | 'supported', id: string) =>
    (await tab(token, name)).find((s) => s.id === id)?.unread

  it('marks new progress unread for the author and supporters until each views the detail', async () => {
    const id = await submit(wang)
    expect(await unread(wang, 'mine', id)).toBe(false)
    expect(await tab(li, 'supported')).not.toContainEqual(expect.objectContaining({ id }))

    await tick()
    expectStatus(await send(client(staff).suggestions[':id'].publish.$post({ param: { id } })), 200)
    expect(await unread(wang, 'mine', id)).toBe(true)
    await send(client(wang).suggestions[':id'].$get({ param: { id } }))
    expect(await unread(wang, 'mine', id)).toBe(false)

    expectStatus(await send(client(li).suggestions[':id'].support.$post({ param: { id } })), 200)
    await send(client(li).suggestions[':id'].$get({ param: { id } }))
    expect(await unread(li, 'supported', id)).toBe(false)

    await tick()
    expectStatus(
      await send(
        client(staff).suggestions[':id'].answer.$post({
          param: { id },
          json: { decision: 'adopt', body: '采纳' },
        }),
      ),
      200,
    )
    await tick()
    expectStatus(
      await send(
        client(staff).suggestions[':id'].progress.$post({
          param: { id },
          json: { body: '已派施工队' },
        }),
      ),
      200,
    )
    expect(await unread(wang, 'mine', id)).toBe(true)
    expect(await unread(li, 'supported', id)).toBe(true)

    await send(client(li).suggestions[':id'].$get({ param: { id } }))
    expect(await unread(li, 'supported', id)).toBe(false)
    expect(await unread(wang, 'mine', id)).toBe(true)
  })

  it('does not mark my own comment or my own 未解决 as unread for me, but does for the other followers', async () => {
    const id = await suggestionIn('completed', { author: wang, staff })
    const open = await suggestionIn('published', { author: wang, staff })
    expectStatus(
      await send(client(li).suggestions[':id'].support.$post({ param: { id: open } })),
      200,
    )
    await send(client(wang).suggestions[':id'].$get({ param: { id: open } }))
    await send(client(li).suggestions[':id'].$get({ param: { id: open } }))
    await tick()
    expectStatus(
      await send(
        client(wang).suggestions[':id'].comments.$post({
          param: { id: open },
          json: { body: '补充一下：东头也有' },
        }),
      ),
      201,
    )
    expect(await unread(wang, 'mine', open)).toBe(false)
    expect(await unread(li, 'supported', open)).toBe(true)

    await send(client(wang).suggestions[':id'].$get({ param: { id } }))
    await tick()
    expectStatus(
      await send(
        client(wang).suggestions[':id'].ratings.$post({
          param: { id },
          json: { stars: 1, unresolved: true, reason: '还是老样子' },
        }),
      ),
      200,
    )
    expect(await unread(wang, 'mine', id)).toBe(false)
    // A comment by someone who does not follow the case leaves no read mark for them.
    expectStatus(
      await send(
        client(zhang).suggestions[':id'].comments.$post({
          param: { id: open },
          json: { body: '路过' },
        }),
      ),
      201,
    )
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM suggestion_reads WHERE user_id = ? AND suggestion_id = ?',
        'us-resident-zhang',
        open,
      ),
    ).toBe(0)
  })

  it("lists my own suggestions under mine, and only others' under supported", async () => {
    const mine = await submit(zhang)
    const theirs = await suggestionIn('published', { author: li, staff })
    expectStatus(
      await send(client(zhang).suggestions[':id'].support.$post({ param: { id: theirs } })),
      200,
    )
    const zhangMine = (await tab(zhang, 'mine')).map((s) => s.id)
    const zhangSupported = (await tab(zhang, 'supported')).map((s) => s.id)
    expect(zhangMine).toContain(mine)
    expect(zhangMine).not.toContain(theirs)
    expect(zhangSupported).toContain(theirs)
    expect(zhangSupported).not.toContain(mine)
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM suggestions WHERE author_user_id = ?',
        'us-resident-zhang',
      ),
    ).toBe(zhangMine.length)
  })

  it('requires signing in (401)', async () => {
    expectStatus(await send(client().me.suggestions.$get({ query: {} })), 401)
  })
})

describe('comments: POST/GET /api/suggestions/{id}/comments, POST /api/suggestion-comments/{id}/hide', () => {
  let id: string, first: string, reply: string

  beforeAll(async () => {
    id = await suggestionIn('published', { author: wang, staff })
  })

  it('threads one level of replies, labelling residents by building and staff as 社区', async () => {
    first = expectStatus(
      await send(
        client(li).suggestions[':id'].comments.$post({
          param: { id },
          json: { body: '同意，我家老人也摔过' },
        }),
      ),
      201,
    ).body.id
    reply = expectStatus(
      await send(
        client(staff).suggestions[':id'].comments.$post({
          param: { id },
          json: { body: '已记录，近期处理', parentId: first },
        }),
      ),
      201,
    ).body.id
    expectStatus(
      await send(
        client(zhang).suggestions[':id'].comments.$post({ param: { id }, json: { body: '+1' } }),
      ),
      201,
    )
    const body = expectStatus(
      await send(client().suggestions[':id'].comments.$get({ param: { id } })),
      200,
    ).body
    expect(body.items).toHaveLength(2)
    expect(body.items[0]).toMatchObject({
      id: first,
      parentId: null,
      authorLabel: '梧桐苑2号楼居民',
      body: '同意，我家老人也摔过',
    })
    expect(body.items[0]!.replies).toEqual([
      expect.objectContaining({ id: reply, parentId: first, authorLabel: '赵书记（社区）' }),
    ])
    expect(body.items[1]!.replies).toEqual([])
    expect(
      succeeded(await send(client().suggestions[':id'].$get({ param: { id } }))).body.commentCount,
    ).toBe(3)
  })

  it('refuses a reply to a reply (400), storing nothing', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM suggestion_comments')
    const res = expectStatus(
      await send(
        client(wang).suggestions[':id'].comments.$post({
          param: { id },
          json: { body: '回复的回复', parentId: reply },
        }),
      ),
      400,
    )
    expect(res.body.error.message).toBe('只能回复主评论，不能回复回复')
    expect(await count('SELECT COUNT(*) AS n FROM suggestion_comments')).toBe(before)
  })

  it('refuses a reply to a comment of another suggestion (404)', async () => {
    const other = await suggestionIn('published', { author: wang, staff })
    expectStatus(
      await send(
        client(wang).suggestions[':id'].comments.$post({
          param: { id: other },
          json: { body: '串楼了', parentId: first },
        }),
      ),
      404,
    )
  })

  it('lets staff hide a comment with a reason: the thread keeps its place, not its words; audited once', async () => {
    expectStatus(
      await send(
        client(wang).suggestions[':id'].flags.$post({
          param: { id },
          json: { reason: '评论不实', commentId: first },
        }),
      ),
      201,
    )
    expectStatus(
      await send(
        client(staff)['suggestion-comments'][':id'].hide.$post({
          param: { id: first },
          json: { reason: '含有他人隐私' },
        }),
      ),
      200,
    )
    expectStatus(
      await send(
        client(staff)['suggestion-comments'][':id'].hide.$post({
          param: { id: first },
          json: { reason: '再次隐藏' },
        }),
      ),
      200,
    )
    const body = succeeded(
      await send(client().suggestions[':id'].comments.$get({ param: { id } })),
    ).body
    expect(body.items[0]).toMatchObject({ id: first, hidden: true, body: '该评论已被隐藏' })
    expect(JSON.stringify(body)).not.toContain('同意，我家老人也摔过')
    expect(body.items[0]!.replies).toHaveLength(1)
    expect(
      succeeded(await send(client().suggestions[':id'].$get({ param: { id } }))).body.commentCount,
    ).toBe(2)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'suggestion_comment.hide' AND target_id = ?",
        first,
      ),
    ).toBe(1)
    // Hiding settles the open flags on that comment.
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM suggestion_flags WHERE comment_id = ? AND resolved_at IS NULL',
        first,
      ),
    ).toBe(0)
  })
})

describe('flags and the moderation queue', () => {
  let id: string, comment: string, waiting: string

  beforeAll(async () => {
    id = await suggestionIn('published', { author: wang, staff }, { title: '被举报的那条建议' })
    comment = expectStatus(
      await send(
        client(zhang).suggestions[':id'].comments.$post({
          param: { id },
          json: { body: '加我微信买东西' },
        }),
      ),
      201,
    ).body.id
    waiting = await suggestionIn('submitted', { author: li, staff }, { title: '等待审核的建议' })
  })

  it('takes one flag per person and target: a second is 409, another person or the comment is fine', async () => {
    expectStatus(
      await send(
        client(li).suggestions[':id'].flags.$post({ param: { id }, json: { reason: '内容重复' } }),
      ),
      201,
    )
    const again = expectStatus(
      await send(
        client(li).suggestions[':id'].flags.$post({ param: { id }, json: { reason: '还是重复' } }),
      ),
      409,
    )
    expect(again.body.error.message).toBe('您已经举报过，工作人员会尽快处理')
    expectStatus(
      await send(
        client(li).suggestions[':id'].flags.$post({
          param: { id },
          json: { reason: '广告', commentId: comment },
        }),
      ),
      201,
    )
    expectStatus(
      await send(
        client(li).suggestions[':id'].flags.$post({
          param: { id },
          json: { reason: '广告', commentId: comment },
        }),
      ),
      409,
    )
    expectStatus(
      await send(
        client(wang).suggestions[':id'].flags.$post({
          param: { id },
          json: { reason: '广告', commentId: comment },
        }),
      ),
      201,
    )
    expect(
      await count('SELECT COUNT(*) AS n FROM suggestion_flags WHERE suggestion_id = ?', id),
    ).toBe(3)
  })

  it('refuses a flag on a comment of another suggestion (404)', async () => {
    const other = await suggestionIn('published', { author: wang, staff })
    expectStatus(
      await send(
        client(li).suggestions[':id'].flags.$post({
          param: { id: other },
          json: { reason: '广告', commentId: comment },
        }),
      ),
      404,
    )
  })

  it('shows staff the submissions awaiting review and the open flags with what was flagged', async () => {
    const queue = expectStatus(
      await send(
        client(staff).communities[':id'].suggestions.moderation.$get({ param: { id: HUAISHU } }),
      ),
      200,
    ).body
    expect(queue.submissions.map((s) => s.id)).toContain(waiting)
    expect(queue.submissions.every((s) => s.status === 'submitted')).toBe(true)
    // Staff see who wrote it, to call the author back (resident-li, 梧桐苑 2号楼 2单元 502室).
    expect(queue.submissions.find((s) => s.id === waiting)?.authorIdentity).toEqual({
      nickname: '李师傅',
      household: '梧桐苑 2号楼 2单元 502室',
    })
    const created = queue.submissions.map((s) => s.createdAt)
    expect(created).toEqual([...created].sort((a, b) => a - b))
    const flags = queue.flags.filter((f) => f.suggestionId === id)
    expect(flags).toHaveLength(3)
    expect(flags.find((f) => f.commentId === null)).toMatchObject({
      suggestionTitle: '被举报的那条建议',
      reason: '内容重复',
      commentBody: null,
    })
    expect(flags.filter((f) => f.commentId === comment).map((f) => f.commentBody)).toEqual([
      '加我微信买东西',
      '加我微信买东西',
    ])
  })

  it('dismisses a flag: gone from the queue, audited once even if dismissed twice, and the person still cannot flag again', async () => {
    const flag = await one<{ id: string }>(
      "SELECT id FROM suggestion_flags WHERE suggestion_id = ? AND comment_id = ''",
      id,
    )
    expectStatus(
      await send(
        client(staff)['suggestion-flags'][':id'].dismiss.$post({ param: { id: flag.id } }),
      ),
      200,
    )
    expectStatus(
      await send(
        client(staff)['suggestion-flags'][':id'].dismiss.$post({ param: { id: flag.id } }),
      ),
      200,
    )
    const queue = succeeded(
      await send(
        client(staff).communities[':id'].suggestions.moderation.$get({ param: { id: HUAISHU } }),
      ),
    ).body
    expect(queue.flags.map((f) => f.id)).not.toContain(flag.id)
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'suggestion_flag.dismiss' AND target_id = ?",
        flag.id,
      ),
    ).toBe(1)
    expect(
      (await one('SELECT resolved_by FROM suggestion_flags WHERE id = ?', flag.id)).resolved_by,
    ).toBe('us-staff-zhao')
    expectStatus(
      await send(
        client(li).suggestions[':id'].flags.$post({
          param: { id },
          json: { reason: '再举报一次' },
        }),
      ),
      409,
    )
  })

  it('publishing takes a submission out of the queue; hiding one settles the flags on the suggestion', async () => {
    expectStatus(
      await send(client(staff).suggestions[':id'].publish.$post({ param: { id: waiting } })),
      200,
    )
    expectStatus(
      await send(
        client(zhang).suggestions[':id'].flags.$post({
          param: { id },
          json: { reason: '不实信息' },
        }),
      ),
      201,
    )
    expectStatus(
      await send(
        client(staff).suggestions[':id'].hide.$post({
          param: { id },
          json: { reason: '经核实内容不实' },
        }),
      ),
      200,
    )
    const queue = succeeded(
      await send(
        client(staff).communities[':id'].suggestions.moderation.$get({ param: { id: HUAISHU } }),
      ),
    ).body
    expect(queue.submissions.map((s) => s.id)).not.toContain(waiting)
    expect(queue.flags.filter((f) => f.suggestionId === id && f.commentId === null)).toEqual([])
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'suggestion.hide' AND target_id = ?",
        id,
      ),
    ).toBe(1)
    const author = await send(client(wang).suggestions[':id'].$get({ param: { id } }))
    expect(succeeded(author).body.hiddenReason).toBe('经核实内容不实')
  })
})

describe('cards: the excerpt of a description', () => {
  it('is the whole description up to 60 characters, and its first 60 with "…" beyond', async () => {
    const sentence = '公告栏玻璃碎了请修理' // 10 characters
    const descriptions = [sentence.repeat(6), `${sentence.repeat(6)}。`, sentence.repeat(12)]
    const ids: string[] = []
    for (const description of descriptions)
      ids.push(await suggestionIn('published', { author: wang, staff }, { description }))
    const cards = new Map<string, { excerpt: string }>(
      (await list('sort=new&limit=50')).items.map((c: { id: string; excerpt: string }) => [
        c.id,
        c,
      ]),
    )
    expect(ids.map((id) => cards.get(id)?.excerpt)).toEqual([
      sentence.repeat(6),
      `${sentence.repeat(6)}…`,
      `${sentence.repeat(6)}…`,
    ])
  })
})
