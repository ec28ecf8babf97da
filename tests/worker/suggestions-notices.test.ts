import { beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import { demoLogins, expectStatus, suggestionIn } from './suggestion-helpers'
import { client, send, succeeded } from './client'

// 我的消息 for 金点子: the author and the supporters hear of every answer and step; the staff
// member who took it does not; a step that did not happen tells nobody.

const login = demoLogins()
type Notice = { kind: string; title: string; body: string; link: string }
const inbox = async (token: string) =>
  succeeded(await send(client(token).me.inbox.$get({ query: {} }))).body.items as Notice[]

describe('suggestion notices', () => {
  let author: string, supporter: string, staff: string
  beforeAll(async () => {
    await seedDemo()
    ;[author, supporter, staff] = await Promise.all([
      login('resident-wang'),
      login('resident-li'),
      login('staff-zhao'),
    ])
  })

  it('tells the author of publication, and author and supporters of the answer', async () => {
    const id = await suggestionIn(
      'published',
      { author, staff },
      { title: '通知测试：巷口路灯不亮了' },
    )
    expect((await inbox(author))[0]).toMatchObject({
      kind: 'suggestion.published',
      title: '您的金点子已公开',
      link: `/packages/suggestions/pages/detail/index?id=${id}`,
    })
    expectStatus(
      await send(client(supporter).suggestions[':id'].support.$post({ param: { id } })),
      200,
    )
    expectStatus(
      await send(
        client(staff).suggestions[':id'].answer.$post({
          param: { id },
          json: { decision: 'adopt', body: '采纳，本周更换灯泡' },
        }),
      ),
      200,
    )
    for (const token of [author, supporter]) {
      expect((await inbox(token))[0]).toMatchObject({
        kind: 'suggestion.adopted',
        title: '金点子答复：采纳',
        body: '“通知测试：巷口路灯不亮了”：采纳，本周更换灯泡',
      })
    }
    expect((await inbox(staff)).some((n) => n.link.endsWith(id))).toBe(false)
    // Answering again is refused (409) and tells nobody a second time.
    expect(
      (
        await send(
          client(staff).suggestions[':id'].answer.$post({
            param: { id },
            json: { decision: 'adopt', body: '再采纳一次' },
          }),
        )
      ).status,
    ).toBe(409)
    expect((await inbox(author)).filter((n) => n.kind === 'suggestion.adopted')).toHaveLength(1)
  })
})
