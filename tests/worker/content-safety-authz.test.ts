import { beforeAll, describe, expect, it } from 'vitest'
import { client, send } from './client'
import { dbCount, dbRows, resetRateLimits, seedDemo } from './helpers'
import { demoLogins, HUAISHU, suggestionIn } from './suggestion-helpers'

// Who may use the content-safety routes that name a community or a hold (issue 13): the
// community's staff. The author of held content, another resident, staff of another community
// (枫桥, the same street) and a visitor are refused, and nothing changes.

const login = demoLogins()
let holdId: string

type Caller = 'author' | 'resident' | 'otherStaff' | 'anonymous'
const CALLERS: Record<Caller, string | null> = {
  author: 'resident-wang',
  resident: 'resident-li',
  otherStaff: 'staff-sun',
  anonymous: null,
}
const expected: Record<Caller, number> = {
  author: 403,
  resident: 403,
  otherStaff: 403,
  anonymous: 401,
}

const tokenOf = async (caller: Caller) => {
  const key = CALLERS[caller]
  return key ? login(key) : null
}

beforeAll(async () => {
  await seedDemo()
  const [wang, zhao] = await login.all('resident-wang', 'staff-zhao')
  const id = await suggestionIn('published', { author: wang, staff: zhao })
  const res = await send(
    client(wang).suggestions[':id'].comments.$post({
      param: { id },
      json: { body: '团购的邻居加我微信' },
    }),
  )
  expect(res.status).toBe(201)
  holdId = (
    await dbRows<{ id: string }>(
      `SELECT id FROM content_holds WHERE target_type = 'suggestion_comment'`,
    )
  )[0]!.id
})

describe.each(Object.keys(CALLERS) as Caller[])('as %s', (caller) => {
  it('cannot read or change the word list, read the queue, or decide a hold', async () => {
    await resetRateLimits()
    const token = await tokenOf(caller)
    const community = () => client(token).communities[':id']
    const param = { id: HUAISHU }
    const results = [
      await send(community()['content-words'].$get({ param })),
      await send(
        community()['content-words'].$post({ param, json: { word: '坏词测试', kind: 'block' } }),
      ),
      await send(community()['content-words'].remove.$post({ param, json: { word: '傻逼' } })),
      await send(community()['content-holds'].$get({ param })),
      await send(client(token)['content-holds'][':id'].approve.$post({ param: { id: holdId } })),
      await send(
        client(token)['content-holds'][':id'].reject.$post({
          param: { id: holdId },
          json: { reason: '不通过' },
        }),
      ),
    ]
    expect(results.map((r) => r.status)).toEqual(results.map(() => expected[caller]))
    expect(await dbCount(`SELECT count(*) AS n FROM content_words`)).toBe(0)
    expect(
      await dbCount(
        `SELECT count(*) AS n FROM content_holds WHERE id = ? AND status = 'review'`,
        holdId,
      ),
    ).toBe(1)
  })
})

describe('as the community’s staff', () => {
  it('may do each of them', async () => {
    await resetRateLimits()
    const zhao = await login('staff-zhao')
    const community = () => client(zhao).communities[':id']
    const param = { id: HUAISHU }
    expect((await send(community()['content-words'].$get({ param }))).status).toBe(200)
    expect(
      (
        await send(
          community()['content-words'].$post({ param, json: { word: '坏词测试', kind: 'block' } }),
        )
      ).status,
    ).toBe(200)
    expect(
      (await send(community()['content-words'].remove.$post({ param, json: { word: '坏词测试' } })))
        .status,
    ).toBe(200)
    expect((await send(community()['content-holds'].$get({ param }))).status).toBe(200)
    expect(
      (await send(client(zhao)['content-holds'][':id'].approve.$post({ param: { id: holdId } })))
        .status,
    ).toBe(200)
  })

  it('a hold that does not exist is 404, for staff too', async () => {
    const zhao = await login('staff-zhao')
    expect(
      (
        await send(
          client(zhao)['content-holds'][':id'].approve.$post({ param: { id: 'no-such-hold' } }),
        )
      ).status,
    ).toBe(404)
  })
})
