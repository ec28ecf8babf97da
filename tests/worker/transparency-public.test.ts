import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../../worker/index'
import { dbRows, dbRun, demoSessions, fetchWorker, rawRequest, seedDemo } from './helpers'
import { client, expectStatus, send } from './client'

// The public page, the street view, the register and the open data: what anyone may read
// without signing in. The first test reads every public GET of the transparency routes (taken
// from the OpenAPI document, so a new one is read too) for the seeded community and looks for
// anything that names a person or a household, and for hidden content.

const HUAISHU = 'cm-huaishu'
const STREET = 'st-qingwu'
const login = demoSessions()

const SECRET = {
  title: '秘密标题甲乙丙',
  description: '秘密内容丁戊己',
  reason: '含住户电话，已隐藏',
  comment: '隐藏评论庚辛壬 电话13987654321',
  unpublished: '待审核标题癸子丑',
}

async function runCron() {
  const ctx = createExecutionContext()
  await worker.scheduled(
    createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }),
    env,
    ctx,
  )
  await waitOnExecutionContext(ctx)
}

beforeAll(async () => {
  await seedDemo()
  const long = Date.now() - 40 * 86_400_000
  // A hidden 金点子 that would be in every list if hiding were ignored: overdue, rated, with a
  // photo, on a published resolution; an unpublished one; a hidden comment on a public one.
  await env.DB.batch(
    [
      `INSERT INTO suggestions (id, community_id, author_user_id, author_household_id, author_building_label, show_name, title, description, category, alley_id, status, hidden_at, hidden_reason, threshold_reached_at, answer_due_at, support_household_count, search_text, created_at, updated_at)
       VALUES ('sg-secret', '${HUAISHU}', 'us-resident-zhang', 'hh-huaiyin-5-1-201', '槐荫里5弄', 1, '${SECRET.title}', '${SECRET.description}', 'parking', 'al-huaishu-1', 'published', ${long + 1000}, '${SECRET.reason}', ${long}, ${long + 15 * 86_400_000}, 12, '', ${long}, ${long})`,
      `INSERT INTO suggestions (id, community_id, author_user_id, author_household_id, author_building_label, show_name, title, description, category, alley_id, status, search_text, created_at, updated_at)
       VALUES ('sg-unpublished', '${HUAISHU}', 'us-resident-li', 'hh-wutong-2-2-502', '梧桐苑2号楼', 1, '${SECRET.unpublished}', '${SECRET.unpublished}', 'litter', NULL, 'submitted', '', ${long}, ${long})`,
      `INSERT INTO suggestion_photos (id, community_id, uploader_user_id, suggestion_id, r2_key, content_type, bytes, created_at)
       VALUES ('ph-secret', '${HUAISHU}', 'us-resident-zhang', 'sg-secret', 'x/secret', 'image/jpeg', 10, ${long}),
              ('ph-public', '${HUAISHU}', 'us-resident-wang', 'sg-demo-lights', 'x/public', 'image/jpeg', 10, ${long})`,
      `INSERT INTO suggestion_comments (id, suggestion_id, author_user_id, author_label, body, hidden_at, hidden_reason, created_at)
       VALUES ('cmt-secret', 'sg-demo-bins', 'us-resident-zhang', '槐荫里5弄居民', '${SECRET.comment}', ${long}, '${SECRET.reason}', ${long})`,
      `INSERT INTO meeting_agenda_items (id, meeting_id, position, title, description, suggestion_id) VALUES ('mi-secret', 'mt-demo-review', 2, '停车问题', '', 'sg-secret')`,
      `INSERT INTO meeting_resolutions (item_id, meeting_id, decision, owner, due_date, suggestion_move, created_by, created_at)
       VALUES ('mi-secret', 'mt-demo-review', '交由物业处理', '物业公司', '2026-01-01', 'none', 'us-committee-wu', ${long})`,
    ].map((s) => env.DB.prepare(s)),
  )
  // Someone follows an entry, so followers exist to leak.
  const wang = await login('resident-wang')
  expectStatus(
    await send(
      client(wang).register[':kind'][':id'].follow.$post({
        param: { kind: 'resolution', id: 'mi-demo-review-1' },
      }),
    ),
    200,
  )
})

/** Everything that names a person or a household, and every hidden or unpublished text. */
async function needles(): Promise<string[]> {
  const users = await dbRows<{ id: string; openid: string; nickname: string }>(
    'SELECT id, openid, nickname FROM users',
  )
  const households = await dbRows<{ id: string }>('SELECT id FROM households')
  const names = await dbRows<{ realName: string }>(
    'SELECT real_name AS realName FROM residencies WHERE real_name IS NOT NULL',
  )
  const labels = await dbRows<{ label: string }>(
    `SELECT DISTINCT author_building_label || '居民' AS label FROM suggestions`,
  )
  const list = [
    ...users.flatMap((u) => [u.id, u.openid, u.nickname]),
    ...households.map((h) => h.id),
    ...names.map((n) => n.realName),
    ...labels.map((l) => l.label),
    ...Object.values(SECRET),
    'ph-secret',
  ]
  expect(list).toContain('李师傅') // showName = true on 菜场后弄垃圾桶: still never shown here
  expect(list.length).toBeGreaterThan(100)
  return list
}

describe('every public response of the seeded community', () => {
  it('names no person, household, phone or openid, and shows nothing hidden', async () => {
    const doc = await rawRequest('GET', '/api/openapi.json')
    const paths = Object.entries(doc.body.paths as Record<string, Record<string, any>>)
      .filter(([, ops]) => ops.get?.tags?.includes('公开数据 transparency') && !ops.get.security)
      .map(([path]) => path.replace(/^\/api/, ''))
      .map((path) =>
        path.replace(
          '{id}',
          path.startsWith('/streets') || path.includes('/streets/') ? STREET : HUAISHU,
        ),
      )
    // Page, street, register, and six open-data files.
    expect(paths).toHaveLength(9)
    const forbidden = await needles()
    for (const path of paths) {
      const res = await rawRequest('GET', `/api${path}`)
      expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(200)
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
      expect(text.length, path).toBeGreaterThan(200)
      for (const needle of forbidden)
        expect(text, `${path} contains ${needle}`).not.toContain(needle)
      // An 11-digit mobile number standing alone (timestamps have 13 digits).
      expect(text, `${path} contains a phone number`).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    }
  })
})

describe('GET /api/communities/{id}/figures', () => {
  it('answers 404 for a community that does not exist', async () => {
    const res = await send(client().communities[':id'].figures.$get({ param: { id: 'cm-none' } }))
    expect(res.status).toBe(404)
  })

  it('keeps serving its snapshot until the cron recomputes it, then shows the new rating', async () => {
    const page = async () =>
      expectStatus(
        await send(client().communities[':id'].figures.$get({ param: { id: HUAISHU } })),
        200,
      ).body
    await runCron()
    const before = await page()
    const satisfaction = before.headline.satisfaction
    expect(before.freshnessMinutes).toBe(5)

    // 张大爷 supported the street lights and rates the finished work 2 stars.
    const zhang = await login('resident-zhang')
    expectStatus(
      await send(
        client(zhang).suggestions[':id'].ratings.$post({
          param: { id: 'sg-demo-lights' },
          json: { stars: 2, unresolved: false },
        }),
      ),
      200,
    )
    const still = await page()
    expect(still.computedAt).toBe(before.computedAt)
    expect(still.headline.satisfaction).toEqual(satisfaction)

    await runCron()
    const after = await page()
    expect(after.computedAt).toBeGreaterThan(before.computedAt)
    expect(after.headline.satisfaction).toEqual({
      numerator: satisfaction.numerator,
      denominator: satisfaction.denominator + 1,
      percent: expect.any(String),
    })
  })

  it('is recomputed on demand in development only (POST /api/dev/housekeeping runs the cron’s jobs)', async () => {
    const refused = await rawRequest('POST', '/api/dev/housekeeping', {
      env: { ENVIRONMENT: 'production' },
    })
    expect(refused.status).toBe(404)
    const [before] = await dbRows<{ computedAt: number }>(
      'SELECT computed_at AS computedAt FROM community_figures WHERE community_id = ?',
      HUAISHU,
    )
    await new Promise((resolve) => setTimeout(resolve, 5))
    const ran = await rawRequest('POST', '/api/dev/housekeeping')
    expect(ran.status).toBe(200)
    const [after] = await dbRows<{ computedAt: number }>(
      'SELECT computed_at AS computedAt FROM community_figures WHERE community_id = ?',
      HUAISHU,
    )
    expect(after!.computedAt).toBeGreaterThan(before!.computedAt)
  })

  it('recomputes on a request when the snapshot is older than 5 minutes', async () => {
    await dbRun(
      `UPDATE community_figures SET computed_at = computed_at - 301000 WHERE community_id = ?`,
      HUAISHU,
    )
    const [row] = await dbRows<{ computedAt: number }>(
      'SELECT computed_at AS computedAt FROM community_figures WHERE community_id = ?',
      HUAISHU,
    )
    const res = expectStatus(
      await send(client().communities[':id'].figures.$get({ param: { id: HUAISHU } })),
      200,
    )
    expect(res.body.computedAt).toBeGreaterThan(row!.computedAt + 300_000)
  })
})

describe('hiding a 金点子', () => {
  it('takes it off the public page at once, without waiting for the snapshot to age', async () => {
    // An overdue 金点子, listed by the snapshot.
    const long = Date.now() - 40 * 86_400_000
    await dbRun(
      `INSERT INTO suggestions (id, community_id, author_user_id, author_household_id, author_building_label, show_name, title, description, category, alley_id, status, threshold_reached_at, answer_due_at, support_household_count, search_text, created_at, updated_at)
       VALUES ('sg-late', ?, 'us-resident-li', 'hh-wutong-2-2-502', '梧桐苑2号楼', 0, '逾期后被隐藏的标题', '内容', 'parking', NULL, 'published', ?, ?, 12, '', ?, ?)`,
      HUAISHU,
      long,
      long + 15 * 86_400_000,
      long,
      long,
    )
    await runCron()
    const page = async () =>
      expectStatus(
        await send(client().communities[':id'].figures.$get({ param: { id: HUAISHU } })),
        200,
      ).body
    const before = await page()
    expect(before.overdue.items.map((o) => o.id)).toContain('sg-late')

    const zhao = await login('staff-zhao')
    expectStatus(
      await send(
        client(zhao).suggestions[':id'].hide.$post({
          param: { id: 'sg-late' },
          json: { reason: '含有住户的门牌号' },
        }),
      ),
      200,
    )
    const after = await page()
    expect(after.overdue.items.map((o) => o.id)).not.toContain('sg-late')
    expect(after.headline.overdueNow).toBe(before.headline.overdueNow - 1)
    expect(after.computedAt).toBeGreaterThan(before.computedAt)
    const street = expectStatus(
      await send(client().streets[':id'].figures.$get({ param: { id: STREET } })),
      200,
    ).body
    expect(street.communities.find((c) => c.id === HUAISHU)!.headline).toEqual(after.headline)
  })
})

describe('GET /api/streets/{id}/figures', () => {
  it('puts the communities of the street side by side', async () => {
    const res = expectStatus(
      await send(client().streets[':id'].figures.$get({ param: { id: STREET } })),
      200,
    )
    expect(res.body.street).toEqual({ id: STREET, name: '青梧街道', district: '拱墅区' })
    expect(res.body.communities.map((c) => c.name)).toEqual(['枫桥社区', '槐树社区'])
    const huaishu = res.body.communities.find((c) => c.id === HUAISHU)!
    const page = expectStatus(
      await send(client().communities[':id'].figures.$get({ param: { id: HUAISHU } })),
      200,
    )
    expect(huaishu.headline).toEqual(page.body.headline)
  })

  it('answers 404 for a street that does not exist', async () => {
    const res = await send(client().streets[':id'].figures.$get({ param: { id: 'st-none' } }))
    expect(res.status).toBe(404)
  })
})

describe('open data', () => {
  it('serves the published 金点子 as JSON: stable ids, a licence, no author, public photos only', async () => {
    const res = await rawRequest('GET', `/api/open-data/communities/${HUAISHU}/suggestions.json`)
    expect(res.status).toBe(200)
    expect(res.body.licence).toEqual({
      name: '知识共享 署名 4.0 国际许可协议（CC BY 4.0）',
      url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
      attribution: '青梧街道槐树社区，邻里 Linli 民事民评公开数据',
    })
    const ids = res.body.items.map((s: { id: string }) => s.id)
    // Every published, visible 金点子 of the community, oldest first; never the hidden or unpublished one.
    const expected = await dbRows<{ id: string }>(
      `SELECT id FROM suggestions WHERE community_id = ? AND status <> 'submitted' AND hidden_at IS NULL ORDER BY created_at, id`,
      HUAISHU,
    )
    expect(ids).toEqual(expected.map((r) => r.id))
    expect(ids).toContain('sg-demo-lights')
    expect(ids).not.toContain('sg-secret')
    expect(ids).not.toContain('sg-unpublished')
    const lights = res.body.items.find((s: { id: string }) => s.id === 'sg-demo-lights')
    expect(Object.keys(lights).sort()).toEqual(
      [
        'alleyId',
        'alleyName',
        'answerDueAt',
        'answeredAt',
        'category',
        'categoryLabel',
        'communityId',
        'createdAt',
        'description',
        'id',
        'mergedIntoId',
        'photoUrls',
        'ratingAverage',
        'ratingCount',
        'status',
        'statusLabel',
        'supportHouseholds',
        'thresholdReachedAt',
        'title',
        'url',
      ].sort(),
    )
    expect(lights.photoUrls).toEqual(['http://linli.test/api/suggestion-photos/ph-public'])
    expect(lights.url).toBe(
      'http://linli.test/#/packages/suggestions/pages/detail/index?id=sg-demo-lights',
    )
  })

  it('serves CSV files in UTF-8 with a BOM, a licence line first, then a header', async () => {
    for (const path of [
      `/api/open-data/communities/${HUAISHU}/suggestions.csv`,
      `/api/open-data/communities/${HUAISHU}/figures.csv`,
      `/api/open-data/streets/${STREET}/figures.csv`,
    ]) {
      const res = await fetchWorker(new Request(`http://linli.test${path}`))
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''")
      // The bytes, not text(): a decoder drops the BOM.
      const bytes = new Uint8Array(await res.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = new TextDecoder().decode(bytes.slice(3))
      expect(text.startsWith('# 许可：知识共享 署名 4.0 国际许可协议（CC BY 4.0）')).toBe(true)
      const lines = text.split('\r\n')
      expect(lines[1]).toMatch(/^# 生成时间：/)
      expect(lines[2]).toMatch(/^"(ID\(id\)|范围\(scope\))"/)
      expect(lines.at(-1)).toBe('')
    }
    const figures = (await rawRequest('GET', `/api/open-data/communities/${HUAISHU}/figures.csv`))
      .body as string // text(): the BOM is gone here, the lines are what matter
    const rows = figures.split('\r\n').slice(3, -1)
    // The window, 12 months, then categories and alleys (all four alleys of 槐树社区).
    expect(rows[0]).toMatch(/^"window",/)
    expect(rows.filter((r) => r.startsWith('"month",'))).toHaveLength(12)
    expect(rows.filter((r) => r.startsWith('"alley",'))).toHaveLength(4)
  })

  it('is described in the OpenAPI document', async () => {
    const doc = await rawRequest('GET', '/api/openapi.json')
    for (const path of [
      '/open-data/communities/{id}/figures.json',
      '/open-data/communities/{id}/figures.csv',
      '/open-data/communities/{id}/suggestions.json',
      '/open-data/communities/{id}/suggestions.csv',
      '/open-data/streets/{id}/figures.json',
      '/open-data/streets/{id}/figures.csv',
    ])
      expect(doc.body.paths[`/api${path}`]?.get, path).toBeDefined()
    expect(
      Object.keys(
        doc.body.paths['/api/open-data/communities/{id}/figures.csv'].get.responses['200'].content,
      ),
    ).toEqual(['text/csv'])
  })
})
