import { beforeAll, describe, expect, it } from 'vitest'
import { ROUND_TRIPS_HEADER } from '../../worker/lib/db'
import { assertStatus, client, send } from './client'
import { dbRows, dbRun, loginDemo, loginNew, seedDemo, sha256 } from './helpers'

// A signed-in read takes its session from the token's last request and proves it in the same
// round trip as its first batch (decision 024). The guess must never answer for a session that
// has ended or changed: these change the database behind it — as a logout or an edit served by
// another isolate would — and read again with the same token.

const tripsOf = (res: { headers: Headers }) => Number(res.headers.get(ROUND_TRIPS_HEADER))

beforeAll(seedDemo)

const revoke = async (token: string) =>
  dbRun(`UPDATE sessions SET revoked_at = ? WHERE token_hash = ?`, Date.now(), await sha256(token))

describe('the session of a read, proved in its first batch', () => {
  it('takes no round trip of its own once the token has been seen', async () => {
    const { token } = await loginNew('guess-trips')
    const first = await send(client(token).me.inbox['unread-count'].$get())
    assertStatus(first, 200)
    expect(tripsOf(first), 'the session rides with the count').toBe(1)
  })

  it('answers 401 once the session was revoked elsewhere, to a route that reads in a batch and to one that reads nothing', async () => {
    const { token } = await loginNew('guess-revoked')
    assertStatus(await send(client(token).me.inbox['unread-count'].$get()), 200)
    await revoke(token)
    assertStatus(await send(client(token).me.inbox['unread-count'].$get()), 401)
    // GET /me answers from the session alone: it is proved before the answer leaves.
    const { token: other } = await loginNew('guess-revoked-me')
    assertStatus(await send(client(other).me.$get()), 200)
    await revoke(other)
    assertStatus(await send(client(other).me.$get()), 401)
  })

  it('answers 401 once the session has expired', async () => {
    const { token } = await loginNew('guess-expired')
    assertStatus(await send(client(token).me.$get()), 200)
    await dbRun(
      `UPDATE sessions SET expires_at = ? WHERE token_hash = ?`,
      Date.now() - 1,
      await sha256(token),
    )
    assertStatus(await send(client(token).me.$get()), 401)
  })

  it('answers with the user as she is now when her nickname or community changed elsewhere', async () => {
    const { token, userId } = await loginNew('guess-changed')
    assertStatus(await send(client(token).me.$get()), 200)
    await dbRun(`UPDATE users SET nickname = '改过的昵称' WHERE id = ?`, userId)
    const me = await send(client(token).me.$get())
    assertStatus(me, 200)
    expect(me.body.user.nickname).toBe('改过的昵称')
    // The read is answered again with the fresh session; the next one rides once more.
    const again = await send(client(token).me.inbox['unread-count'].$get())
    assertStatus(again, 200)
    expect(tripsOf(again)).toBe(1)
  })

  it('writes nothing under a session that has ended: the 金点子 detail of its author answers as to a visitor', async () => {
    const [idea] = await dbRows<{ id: string }>(
      `SELECT id FROM suggestions WHERE author_user_id = 'us-resident-wang' AND status <> 'submitted' LIMIT 1`,
    )
    expect(idea, 'the demo has a published 金点子 of 王').toBeTruthy()
    const token = await loginDemo('resident-wang')
    await dbRun(`DELETE FROM suggestion_reads WHERE user_id = 'us-resident-wang'`)
    await revoke(token)
    const detail = await send(client(token).suggestions[':id'].$get({ param: { id: idea!.id } }))
    assertStatus(detail, 200)
    expect(detail.body.viewer.isAuthor).toBe(false)
    const marks = await dbRows(`SELECT 1 FROM suggestion_reads WHERE user_id = 'us-resident-wang'`)
    expect(marks, 'no read mark written for a revoked session').toEqual([])
  })

  it('the same detail, signed in, marks it read for its author', async () => {
    const [idea] = await dbRows<{ id: string }>(
      `SELECT id FROM suggestions WHERE author_user_id = 'us-resident-wang' AND status <> 'submitted' LIMIT 1`,
    )
    const token = await loginDemo('resident-wang')
    await dbRun(`DELETE FROM suggestion_reads WHERE user_id = 'us-resident-wang'`)
    const detail = await send(client(token).suggestions[':id'].$get({ param: { id: idea!.id } }))
    assertStatus(detail, 200)
    expect(detail.body.viewer.isAuthor).toBe(true)
    const marks = await dbRows(`SELECT 1 FROM suggestion_reads WHERE user_id = 'us-resident-wang'`)
    expect(marks).toHaveLength(1)
  })
})
