import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDb } from '../../worker/lib/db'
import { contentCheckOf } from '../../worker/lib/content-check'
import { retryChecks } from '../../worker/moderation/checks-service'
import { STALE_CHECK_MS } from '../../worker/moderation/queue-service'
import {
  createFakeSecurity,
  mediaCheckPush,
  signedPushQuery,
  type FakeSecurity,
} from '../fake-wechat-security'
import { client, expectStatus, send } from './client'
import {
  dbCount,
  dbRows,
  dbRun,
  fetchWorker,
  rawRequest,
  readJson,
  resetRateLimits,
  seedDemo,
} from './helpers'
import { demoLogins, download, HUAISHU, suggestionIn, tinyJpeg, upload } from './suggestion-helpers'

// Content safety of photos (issue 13): with WeChat configured a 金点子 photo is held from
// everyone but its uploader and staff until mediaCheckAsync's verdict, pushed to a signed
// endpoint, passes it (or staff approve it). Forged and stale pushes change nothing; a risky
// verdict hides the photo and tells the uploader; unanswered photos reach the staff queue.

const PUSH_TOKEN = 'push-token-for-tests'
const WECHAT_ON = {
  WECHAT_CONTENT_CHECK: 'on',
  WECHAT_PUSH_TOKEN: PUSH_TOKEN,
} as Partial<Cloudflare.Env>
const realFetch = globalThis.fetch
let fake: FakeSecurity

function fakeWechat() {
  fake = createFakeSecurity()
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (new URL(request.url).host !== 'wechat.test') return realFetch(input, init)
    return fake.handle(request)
  })
}

const login = demoLogins()

beforeAll(async () => {
  await seedDemo()
})

afterEach(async () => {
  vi.restoreAllMocks()
  await resetRateLimits()
})

/** A photo uploaded with WeChat's checks on, attached to a new published 金点子. */
async function heldPhotoOnSuggestion() {
  fakeWechat()
  const [wang, zhao] = await login.all('resident-wang', 'staff-zhao')
  const res = await uploadChecked(wang)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  expect(res.body.review).toBe('审核中')
  const photoId = res.body.id as string
  const id = await suggestionIn('published', { author: wang, staff: zhao }, { photoIds: [photoId] })
  const [hold] = await dbRows<{ trace_id: string }>(
    `SELECT trace_id FROM content_holds WHERE target_id = ?`,
    photoId,
  )
  return { photoId, id, traceId: hold!.trace_id, wang, zhao }
}

/** POST /api/suggestion-photos as the mini-program does, with WeChat's checks on. */
async function uploadChecked(token: string) {
  const form = new FormData()
  form.set('file', new Blob([tinyJpeg()], { type: 'image/jpeg' }), 'photo.jpg')
  form.set('communityId', HUAISHU)
  const request = new Request('http://linli.test/api/suggestion-photos', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return readJson(await fetchWorker(request, { env: WECHAT_ON }))
}

const push = async (body: unknown, query: Record<string, string>) =>
  rawRequest('POST', `/api/wechat/push?${new URLSearchParams(query)}`, { body, env: WECHAT_ON })

const detail = async (token: string | null, id: string) =>
  expectStatus(await send(client(token).suggestions[':id'].$get({ param: { id } })), 200).body

describe('a photo waits for WeChat', () => {
  it('asks mediaCheckAsync with a URL WeChat can download, the uploader’s openid and a scene', async () => {
    const { photoId } = await heldPhotoOnSuggestion()
    const call = fake.mediaChecks().at(-1)!
    expect(call.body).toMatchObject({
      media_type: 2,
      version: 2,
      scene: 3,
      openid: 'dev:resident-wang',
    })
    const url = new URL(call.body.media_url as string)
    expect(url.pathname).toBe(`/api/suggestion-photos/${photoId}`)
    // WeChat, with no session, can fetch it by that URL.
    expect((await download(`${url.pathname}${url.search}`, null)).status).toBe(200)
  })

  it('is seen by its uploader (审核中) and staff, by nobody else, until the push passes it', async () => {
    const { photoId, id, traceId, wang, zhao } = await heldPhotoOnSuggestion()
    const li = await login('resident-li')
    const mine = await detail(wang, id)
    expect(mine.photos).toEqual([expect.objectContaining({ id: photoId, review: '审核中' })])
    expect(mine.coverPhotoUrl).toBeNull()
    expect((await detail(zhao, id)).photos).toHaveLength(1)
    expect((await detail(li, id)).photos).toEqual([])
    expect((await detail(null, id)).photos).toEqual([])
    expect((await download(`/api/suggestion-photos/${photoId}`, li)).status).toBe(404)
    expect((await download(`/api/suggestion-photos/${photoId}`, null)).status).toBe(404)
    const list = expectStatus(
      await send(
        client(null).communities[':id'].suggestions.$get({ param: { id: HUAISHU }, query: {} }),
      ),
      200,
    ).body.items
    expect(list.find((s) => s.id === id)?.coverPhotoUrl).toBeNull()

    const pushed = await push(mediaCheckPush(traceId, 'pass'), await signedPushQuery(PUSH_TOKEN))
    expect(pushed.status).toBe(200)
    expect(pushed.body).toBe('success')
    expect((await detail(li, id)).photos).toEqual([
      expect.objectContaining({ id: photoId, review: null }),
    ])
    expect((await download(`/api/suggestion-photos/${photoId}`, null)).status).toBe(200)
  })

  it('refuses forged, unsigned and stale pushes, and changes nothing', async () => {
    const { photoId, traceId } = await heldPhotoOnSuggestion()
    const body = mediaCheckPush(traceId, 'pass')
    const forged = { ...(await signedPushQuery('not-our-token')) }
    expect((await push(body, forged)).status).toBe(403)
    expect((await push(body, {})).status).toBe(403)
    const tampered = { ...(await signedPushQuery(PUSH_TOKEN)), nonce: 'other' }
    expect((await push(body, tampered)).status).toBe(403)
    const stale = await signedPushQuery(PUSH_TOKEN, Date.now() - 10 * 60_000)
    expect((await push(body, stale)).status).toBe(403)
    // Another app's push, correctly signed, is acknowledged and ignored.
    expect(
      (await push(mediaCheckPush(traceId, 'pass', 'wx-other'), await signedPushQuery(PUSH_TOKEN)))
        .status,
    ).toBe(200)
    expect(
      await dbCount(
        `SELECT count(*) AS n FROM content_holds WHERE target_id = ? AND status = 'checking'`,
        photoId,
      ),
    ).toBe(1)
  })

  it('answers WeChat’s URL check only when signed', async () => {
    const signed = await signedPushQuery(PUSH_TOKEN)
    const ok = await rawRequest(
      'GET',
      `/api/wechat/push?${new URLSearchParams({ ...signed, echostr: 'echo-123' })}`,
      { env: WECHAT_ON },
    )
    expect(ok.status).toBe(200)
    expect(ok.body).toBe('echo-123')
    const forged = await signedPushQuery('wrong')
    const refused = await rawRequest(
      'GET',
      `/api/wechat/push?${new URLSearchParams({ ...forged, echostr: 'echo-123' })}`,
      { env: WECHAT_ON },
    )
    expect(refused.status).toBe(403)
  })

  it('a risky verdict hides the photo for good and tells the uploader why', async () => {
    const { photoId, id, traceId, wang } = await heldPhotoOnSuggestion()
    const li = await login('resident-li')
    expect(
      (await push(mediaCheckPush(traceId, 'risky'), await signedPushQuery(PUSH_TOKEN))).status,
    ).toBe(200)
    expect((await detail(li, id)).photos).toEqual([])
    expect((await detail(wang, id)).photos[0]!.review).toMatch(
      /^未通过审核：未通过微信内容安全检查（色情）/,
    )
    const [notice] = await dbRows<{ title: string; body: string }>(
      `SELECT title, body FROM notifications WHERE kind = 'content.risky' ORDER BY created_at DESC LIMIT 1`,
    )
    expect(notice!.title).toBe('您的金点子照片未通过审核')
    expect(notice!.body).toContain('色情')
    // A later pass for the same trace does not bring it back.
    await push(mediaCheckPush(traceId, 'pass'), await signedPushQuery(PUSH_TOKEN))
    expect((await detail(li, id)).photos).toEqual([])
    expect((await download(`/api/suggestion-photos/${photoId}`, li)).status).toBe(404)
  })

  it('a photo WeChat never answers reaches the staff queue, and staff may approve it', async () => {
    const { photoId, id, zhao } = await heldPhotoOnSuggestion()
    const li = await login('resident-li')
    await dbRun(
      `UPDATE content_holds SET created_at = ? WHERE target_id = ?`,
      Date.now() - STALE_CHECK_MS - 1000,
      photoId,
    )
    const queue = expectStatus(
      await send(client(zhao).communities[':id']['content-holds'].$get({ param: { id: HUAISHU } })),
      200,
    ).body
    const held = queue.items.find((h) => h.targetType === 'suggestion_photo')!
    expect(held).toMatchObject({ kind: 'photo', status: 'checking', targetLabel: '金点子照片' })
    expect((await download(held.photoUrl!, null)).status).toBe(200)
    expectStatus(
      await send(client(zhao)['content-holds'][':id'].approve.$post({ param: { id: held.id } })),
      200,
    )
    expect((await detail(li, id)).photos).toHaveLength(1)
  })

  it('a check request WeChat refused is sent again by the cron', async () => {
    fakeWechat()
    const wang = await login('resident-wang')
    vi.restoreAllMocks()
    // WeChat unreachable during the upload: the photo is stored and held.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init)
      if (new URL(request.url).host !== 'wechat.test') return realFetch(input, init)
      throw new TypeError('network down')
    })
    const res = await uploadChecked(wang)
    expect(res.status).toBe(201)
    const [hold] = await dbRows<{ trace_id: string | null; next_attempt_at: number }>(
      `SELECT trace_id, next_attempt_at FROM content_holds WHERE target_id = ?`,
      res.body.id,
    )
    expect(hold!.trace_id).toBeNull()
    vi.restoreAllMocks()
    fakeWechat()
    const check = contentCheckOf(createDb(env.DB), { ...env, WECHAT_CONTENT_CHECK: 'on' })
    expect(await retryChecks(check, env.PHOTO_URL_SECRET, hold!.next_attempt_at)).toMatchObject({
      photos: 1,
    })
    const [after] = await dbRows<{ trace_id: string | null }>(
      `SELECT trace_id FROM content_holds WHERE target_id = ?`,
      res.body.id,
    )
    expect(after!.trace_id).toMatch(/^trace-/)
  })

  it('without WeChat (development) photos are not held', async () => {
    const wang = await login('resident-wang')
    const res = await upload(wang, tinyJpeg())
    expect(res.status).toBe(201)
    expect(res.body.review).toBeNull()
    expect(
      await dbCount(`SELECT count(*) AS n FROM content_holds WHERE target_id = ?`, res.body.id),
    ).toBe(0)
  })
})
