import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import {
  demoLogins,
  expectStatus,
  HUAISHU,
  resetRateLimits,
  rows,
  run,
  submit,
  suggestionIn,
  verifiedResidents,
} from './suggestion-helpers'
import { client, send } from './client'

// suggestion_search (migration 0019, decision 012) is what search filters on instead of the
// suggestions' wide rows. It is written by triggers only; if it missed a write, search would list
// a hidden 金点子 or miss a published one. After each kind of write — submit, publish, accept,
// answer, support (counts and the answer deadline), hide, unhide, a change of category or alley,
// a delete — every suggestion must have exactly one narrow row, equal to it, under its rowid.

const login = demoLogins()
let author = ''
let staff = ''

/** Suggestions whose narrow row is missing, extra, or differs; [] when they agree. */
async function disagreements() {
  return rows(
    `SELECT s.id, n.suggestion_id AS narrow FROM suggestions s
       LEFT JOIN suggestion_search n ON n.suggestion_rowid = s.rowid
     WHERE n.suggestion_rowid IS NULL OR n.suggestion_id IS NOT s.id
       OR n.community_id IS NOT s.community_id OR n.status IS NOT s.status
       OR n.category IS NOT s.category OR n.alley_id IS NOT s.alley_id
       OR n.hidden_at IS NOT s.hidden_at OR n.answer_due_at IS NOT s.answer_due_at
       OR n.answered_at IS NOT s.answered_at
     UNION ALL
     SELECT NULL, n.suggestion_id FROM suggestion_search n
     WHERE NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.rowid = n.suggestion_rowid)`,
  )
}

async function expectAgreement() {
  expect(await disagreements()).toEqual([])
  const [counts] = await rows<{ s: number; n: number }>(
    'SELECT (SELECT count(*) FROM suggestions) AS s, (SELECT count(*) FROM suggestion_search) AS n',
  )
  expect(counts!.n).toBe(counts!.s)
}

const status = async (id: string) =>
  (
    await rows<{ status: string; hidden: number | null }>(
      'SELECT status, hidden_at AS hidden FROM suggestion_search WHERE suggestion_id = ?',
      id,
    )
  )[0]

const searchIds = async (q: string) =>
  (
    expectStatus(
      await send(
        client(null).communities[':id'].suggestions.$get({
          param: { id: HUAISHU },
          query: { q, limit: '50' },
        }),
      ),
      200,
    ).body as { items: { id: string }[] }
  ).items.map((s) => s.id)

beforeAll(async () => {
  await seedDemo()
  ;[author, staff] = await login.all('resident-wang', 'staff-zhao')
})
beforeEach(resetRateLimits)

describe('suggestion_search follows every write to a 金点子', () => {
  it('agrees after the demo seed (the backfill and the insert trigger)', async () => {
    await expectAgreement()
  })

  it('a submission gets its row in the same write, unlisted until published', async () => {
    const id = await submit(author, { title: '梧桐苑北门路灯闪烁不停' })
    await expectAgreement()
    expect(await status(id)).toEqual({ status: 'submitted', hidden: null })
    expect(await searchIds('路灯闪烁')).not.toContain(id)
  })

  it('publish, accept and answer move the status and the answer time', async () => {
    const id = await suggestionIn('accepted', { author, staff }, { title: '菜场后弄井盖晃动响' })
    await expectAgreement()
    expect(await searchIds('井盖晃动')).toContain(id)
    const adopted = await suggestionIn('adopted', { author, staff }, { title: '后河沿栏杆松动' })
    await expectAgreement()
    expect(await status(adopted)).toEqual({ status: 'adopted', hidden: null })
  })

  it('supports (counters and the answer deadline they start) keep it equal', async () => {
    const id = await suggestionIn('published', { author, staff }, { title: '槐荫里垃圾房异味' })
    // The demo's threshold is 10 households: 12 residents of 12 households start the deadline.
    const residents = await verifiedResidents('search-rows', 12, { householdCount: 12 })
    for (const { token } of residents)
      expectStatus(
        await send(client(token).suggestions[':id'].support.$post({ param: { id } })),
        200,
      )
    const [row] = await rows<{ due: number | null; supports: number }>(
      'SELECT answer_due_at AS due, support_household_count AS supports FROM suggestions WHERE id = ?',
      id,
    )
    expect(row!.supports).toBeGreaterThanOrEqual(10)
    expect(row!.due).not.toBeNull()
    await expectAgreement()
  })

  it('hiding takes it out of search and unhiding puts it back', async () => {
    const id = await suggestionIn('published', { author, staff }, { title: '青石巷电线乱拉' })
    expect(await searchIds('电线乱拉')).toContain(id)
    expectStatus(
      await send(
        client(staff).suggestions[':id'].hide.$post({
          param: { id },
          json: { reason: '含有住户门牌号，已隐藏' },
        }),
      ),
      200,
    )
    await expectAgreement()
    expect(await searchIds('电线乱拉')).not.toContain(id)
    expectStatus(await send(client(staff).suggestions[':id'].unhide.$post({ param: { id } })), 200)
    await expectAgreement()
    expect(await searchIds('电线乱拉')).toContain(id)
  })

  it('a change of category, alley or text, and a delete, in SQL', async () => {
    const id = await suggestionIn('published', { author, staff }, { title: '弄堂口消防通道堵塞' })
    await run(
      `UPDATE suggestions SET category = 'safety', alley_id = NULL, support_count = support_count + 1 WHERE id = ?`,
      id,
    )
    await expectAgreement()
    await run(`UPDATE suggestions SET title = '改过的标题' WHERE id = ?`, id)
    await expectAgreement()
    // A copy with nothing pointing at it (events, photos), so that it can be deleted.
    await run(
      `INSERT INTO suggestions (id, community_id, author_user_id, author_household_id,
         author_building_label, show_name, title, description, category, alley_id, status,
         search_text, created_at, updated_at)
       SELECT 'sg-spare', community_id, author_user_id, author_household_id, author_building_label,
         show_name, title, description, category, alley_id, 'published', search_text, 1, 1
       FROM suggestions WHERE id = ?`,
      id,
    )
    await expectAgreement()
    const spare = 'sg-spare'
    await run('DELETE FROM suggestions WHERE id = ?', spare)
    await expectAgreement()
  })
})
