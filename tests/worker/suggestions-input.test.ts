import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { photoStore, seedDemo } from './helpers'
import {
  containsText,
  count,
  demoLogins,
  download,
  expectStatus,
  GPS_MARKER,
  HUAISHU,
  one,
  r2ObjectCount,
  resetRateLimits,
  signPhoto,
  suggestionBody,
  suggestionIn,
  tinyJpeg,
  tinyPng,
  tinyWebp,
  upload,
  type SuggestionInput,
  type Res,
} from './suggestion-helpers'
import { client, failed, rawRequest, send } from './client'

// Bad input gets a clear Chinese message and leaves no trace: no row in any 金点子 table, no
// object in R2. Photos are judged by their bytes, and their metadata never comes back out.

const login = demoLogins()
let wang: string, li: string, staff: string

/** Row counts of every table a 金点子 write can touch, plus the photo bucket. */
async function snapshot() {
  const tables = [
    'suggestions',
    'suggestion_supports',
    'suggestion_events',
    'suggestion_photos',
    'suggestion_comments',
    'suggestion_flags',
    'suggestion_ratings',
    'answer_templates',
    'suggestion_settings',
    'audit_log',
  ]
  const counts = await Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)))
  return {
    ...Object.fromEntries(tables.map((t, i) => [t, counts[i]])),
    attachedPhotos: await count(
      'SELECT COUNT(*) AS n FROM suggestion_photos WHERE suggestion_id IS NOT NULL',
    ),
    settings: await one(
      'SELECT response_threshold_households, answer_deadline_days FROM suggestion_settings WHERE community_id = ?',
      HUAISHU,
    ),
    r2: await r2ObjectCount(),
  }
}

/** Asserts a 400 with a Chinese message containing `phrase`, and that nothing was stored. */
async function expectRejected(
  call: () => Promise<{ status: number; body: unknown }>,
  phrase: string,
) {
  const before = await snapshot()
  const res = await call()
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  const { error } = failed(res).body
  expect(error.code).toBe('VALIDATION_FAILED')
  expect(error.message).toMatch(/[\u4e00-\u9fff]/)
  expect(error.message).toContain(phrase)
  expect(await snapshot()).toEqual(before)
  return res
}

beforeAll(async () => {
  await seedDemo()
  ;[wang, li, staff] = await login.all('resident-wang', 'resident-li', 'staff-zhao')
})
beforeEach(resetRateLimits)

describe('POST /api/communities/{id}/suggestions with bad input', () => {
  /** A body the schema's type allows, refused for its content. */
  const submit = (json: SuggestionInput) => () =>
    send(client(wang).communities[':id'].suggestions.$post({ param: { id: HUAISHU }, json }))
  /** A body the types forbid (missing or unknown fields, wrong types): untyped on purpose. */
  const submitWith = (body: unknown) => () =>
    rawRequest('POST', `/api/communities/${HUAISHU}/suggestions`, { token: wang, body })
  const without = (key: string) => {
    const body: Record<string, unknown> = suggestionBody()
    delete body[key]
    return body
  }

  // Bodies of the right shape, refused for what they say.
  const cases: [string, () => SuggestionInput, string][] = [
    ['an empty title', () => suggestionBody({ title: '' }), '标题至少 4 个字'],
    ['a title of spaces only', () => suggestionBody({ title: '      ' }), '标题至少 4 个字'],
    [
      'a 41-character title',
      () => suggestionBody({ title: '路'.repeat(41) }),
      '标题不能超过 40 个字',
    ],
    ['an empty description', () => suggestionBody({ description: '' }), '具体描述至少 10 个字'],
    [
      'a 1,001-character description',
      () => suggestionBody({ description: '灯'.repeat(1001) }),
      '具体描述不能超过 1000 个字',
    ],
    [
      'an alley of another community',
      () => suggestionBody({ alleyId: 'al-fengqiao-1' }),
      '所选背街小巷不属于本社区',
    ],
    [
      'an alley that does not exist',
      () => suggestionBody({ alleyId: 'al-nowhere' }),
      '所选背街小巷不属于本社区',
    ],
    [
      'a 61-character landmark',
      () => suggestionBody({ landmark: '门'.repeat(61) }),
      '地标描述不能超过 60 个字',
    ],
    [
      '10 photo ids',
      () => suggestionBody({ photoIds: Array.from({ length: 10 }, (_, i) => `ph-${i}`) }),
      '最多上传 9 张照片',
    ],
    [
      'photo ids nobody uploaded',
      () => suggestionBody({ photoIds: ['ph-never-uploaded'] }),
      '有照片未上传成功或已被使用',
    ],
    ['a latitude out of range', () => suggestionBody({ location: { lat: 91, lng: 120 } }), '纬度'],
  ]

  for (const [what, body, phrase] of cases) {
    it(`rejects ${what} with “${phrase}” and stores nothing`, async () => {
      await expectRejected(submit(body()), phrase)
    })
  }

  // Bodies the types forbid: missing or unknown fields, wrong values and types.
  const forbidden: [string, () => unknown, string][] = [
    ['a missing title', () => without('title'), '请填写标题'],
    ['a missing description', () => without('description'), '请填写具体描述'],
    [
      'an unknown category',
      () => suggestionBody({ category: 'graffiti' }),
      '请选择列表中的问题类别',
    ],
    ['a missing category', () => without('category'), '请选择列表中的问题类别'],
    [
      'an unknown field "status"',
      () => suggestionBody({ status: 'completed' }),
      '不接受的字段：status',
    ],
    [
      'an unknown field "supportCount"',
      () => suggestionBody({ supportCount: 999 }),
      '不接受的字段：supportCount',
    ],
    [
      'an unknown field inside location',
      () => suggestionBody({ location: { lat: 30.27, lng: 120.15, alt: 5 } }),
      '不接受的字段：alt',
    ],
    ['showName as text', () => suggestionBody({ showName: '是' }), '是否公开昵称'],
    ['an array instead of an object', () => [suggestionBody()], '提交的内容有误'],
  ]

  for (const [what, body, phrase] of forbidden) {
    it(`rejects ${what} with “${phrase}” and stores nothing`, async () => {
      await expectRejected(submitWith(body()), phrase)
    })
  }

  it('rejects a body that is not JSON, and a missing body, in Chinese, storing nothing', async () => {
    await expectRejected(submitWith('{"title": "路灯'), '请求内容不是有效的 JSON')
    await expectRejected(
      () => rawRequest('POST', `/api/communities/${HUAISHU}/suggestions`, { token: wang }),
      '提交的内容有误',
    )
  })

  it('rejects a photo uploaded by someone else, and the same photo twice', async () => {
    const othersPhoto: string = expectStatus(await upload(li, tinyJpeg()), 201).body.id
    await expectRejected(
      submit(suggestionBody({ photoIds: [othersPhoto] })),
      '有照片未上传成功或已被使用',
    )
    const mine: string = expectStatus(await upload(wang, tinyJpeg()), 201).body.id
    await expectRejected(submit(suggestionBody({ photoIds: [mine, mine] })), '照片重复了')
  })

  it('accepts 9 photos, in the order given, and refuses to reuse one of them', async () => {
    const ids: string[] = []
    for (let i = 0; i < 9; i++)
      ids.push(expectStatus(await upload(wang, i % 2 ? tinyPng() : tinyJpeg()), 201).body.id)
    const created = expectStatus(
      await send(
        client(wang).communities[':id'].suggestions.$post({
          param: { id: HUAISHU },
          json: suggestionBody({ photoIds: ids }),
        }),
      ),
      201,
    )
    expect(created.body.photos.map((p) => p.id)).toEqual(ids)
    await expectRejected(
      submit(suggestionBody({ photoIds: [ids[0]!] })),
      '有照片未上传成功或已被使用',
    )
  })
})

describe('bad input on the other 金点子 writes', () => {
  let id: string, completed: string
  beforeAll(async () => {
    id = await suggestionIn('published', { author: wang, staff })
    completed = await suggestionIn('completed', { author: wang, staff })
  })

  it('POST comments: empty, too long, unknown field', async () => {
    const post = (json: { body: string }) => () =>
      send(client(li).suggestions[':id'].comments.$post({ param: { id }, json }))
    await expectRejected(post({ body: '' }), '请填写评论内容')
    await expectRejected(post({ body: '字'.repeat(501) }), '评论内容不能超过 500 个字')
    await expectRejected(
      () =>
        rawRequest('POST', `/api/suggestions/${id}/comments`, {
          token: li,
          body: { body: '好', authorLabel: '居委会' },
        }),
      '不接受的字段：authorLabel',
    )
  })

  it('POST flags: a reason is required', async () => {
    await expectRejected(
      () =>
        send(client(li).suggestions[':id'].flags.$post({ param: { id }, json: { reason: ' ' } })),
      '请填写举报理由',
    )
  })

  it('POST answer: an unknown decision or an empty reason', async () => {
    await expectRejected(
      () =>
        rawRequest('POST', `/api/suggestions/${id}/answer`, {
          token: staff,
          body: { decision: 'approve', body: '好' },
        }),
      '请选择答复结论',
    )
    await expectRejected(
      () =>
        send(
          client(staff).suggestions[':id'].answer.$post({
            param: { id },
            json: { decision: 'not_adopt', body: '' },
          }),
        ),
      '请填写答复内容',
    )
    expect((await one('SELECT status FROM suggestions WHERE id = ?', id)).status).toBe('published')
  })

  it('POST merge and progress: a missing target, 10 photos', async () => {
    await expectRejected(
      () =>
        rawRequest('POST', `/api/suggestions/${id}/merge`, {
          token: staff,
          body: { body: '合并' },
        }),
      '请填写合并到的建议',
    )
    const ids = Array.from({ length: 10 }, (_, i) => `ph-${i}`)
    await expectRejected(
      () =>
        send(
          client(staff).suggestions[':id'].progress.$post({
            param: { id: completed },
            json: { body: '进展', photoIds: ids },
          }),
        ),
      '最多上传 9 张照片',
    )
  })

  it('PUT suggestion-settings: out of range or unknown fields', async () => {
    const put = (json: { responseThresholdHouseholds: number; answerDeadlineDays: number }) => () =>
      send(
        client(staff).communities[':id']['suggestion-settings'].$put({
          param: { id: HUAISHU },
          json,
        }),
      )
    await expectRejected(
      put({ responseThresholdHouseholds: 0, answerDeadlineDays: 15 }),
      '门槛至少 1 户',
    )
    await expectRejected(
      put({ responseThresholdHouseholds: 10, answerDeadlineDays: 91 }),
      '答复期限不能超过 90 天',
    )
    await expectRejected(
      () =>
        rawRequest('PUT', `/api/communities/${HUAISHU}/suggestion-settings`, {
          token: staff,
          body: {
            responseThresholdHouseholds: 10,
            answerDeadlineDays: 15,
            communityId: 'cm-fengqiao',
          },
        }),
      '不接受的字段：communityId',
    )
  })

  it('POST answer-templates: an unknown kind, an empty body', async () => {
    await expectRejected(
      () =>
        rawRequest('POST', `/api/communities/${HUAISHU}/answer-templates`, {
          token: staff,
          body: { kind: 'praise', title: '表扬', body: '很好' },
        }),
      '类型',
    )
    await expectRejected(
      () =>
        send(
          client(staff).communities[':id']['answer-templates'].$post({
            param: { id: HUAISHU },
            json: { kind: 'adopt', title: '采纳', body: '' },
          }),
        ),
      '请填写模板内容',
    )
  })

  it('POST ratings: stars must be whole numbers 1–5', async () => {
    await expectRejected(
      () =>
        send(
          client(wang).suggestions[':id'].ratings.$post({
            param: { id: completed },
            json: { stars: 6 },
          }),
        ),
      '请选择 1 到 5 颗星',
    )
    await expectRejected(
      () =>
        rawRequest('POST', `/api/suggestions/${completed}/ratings`, {
          token: wang,
          body: { stars: '5' },
        }),
      '请选择 1 到 5 颗星',
    )
  })
})

describe('POST /api/suggestion-photos', () => {
  async function stored(id: string) {
    return one<{
      content_type: string
      bytes: number
      r2_key: string
      uploader_user_id: string
      suggestion_id: string | null
    }>(
      'SELECT content_type, bytes, r2_key, uploader_user_id, suggestion_id FROM suggestion_photos WHERE id = ?',
      id,
    )
  }

  it('stores a JPEG privately in R2 under the community, unattached, and returns a signed URL', async () => {
    const before = await r2ObjectCount()
    const res = expectStatus(await upload(wang, tinyJpeg(), { name: 'IMG_0001.JPG' }), 201)
    expect(res.body.url).toMatch(
      new RegExp(`^/api/suggestion-photos/${res.body.id}\\?exp=\\d+&sig=[0-9a-f]{32}$`),
    )
    const row = await stored(res.body.id)
    expect(row).toMatchObject({
      content_type: 'image/jpeg',
      bytes: tinyJpeg().length,
      uploader_user_id: 'us-resident-wang',
      suggestion_id: null,
    })
    expect(row.r2_key).toBe(`suggestions/${HUAISHU}/${res.body.id}`)
    expect(await r2ObjectCount()).toBe(before + 1)
    expect((await photoStore().get(row.r2_key))?.contentType).toBe('image/jpeg')
  })

  it('decides the type by content: a PNG named .jpg and sent as image/jpeg is stored and served as PNG', async () => {
    const res = expectStatus(
      await upload(wang, tinyPng(), { name: 'photo.jpg', type: 'image/jpeg' }),
      201,
    )
    expect((await stored(res.body.id)).content_type).toBe('image/png')
    const got = await download(`/api/suggestion-photos/${res.body.id}`, wang)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(got.headers.get('x-content-type-options')).toBe('nosniff')
    expect(got.bytes).toEqual(tinyPng())
  })

  it('accepts WebP by content whatever the name', async () => {
    const res = expectStatus(
      await upload(wang, tinyWebp(), { name: 'scan.bin', type: 'application/octet-stream' }),
      201,
    )
    expect((await stored(res.body.id)).content_type).toBe('image/webp')
  })

  const rejected: [string, () => Promise<Res>, string][] = [
    ['a 0-byte file', () => upload(wang, new Uint8Array(0)), '照片是空的，请重新选择'],
    [
      'an SVG (even named .png)',
      () =>
        upload(wang, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', {
          name: 'a.png',
          type: 'image/png',
        }),
      '只支持 JPEG、PNG、WebP 格式的照片',
    ],
    [
      'a text file',
      () => upload(wang, '这不是照片，是一段文字', { name: 'note.jpg', type: 'text/plain' }),
      '只支持 JPEG、PNG、WebP 格式的照片',
    ],
    [
      'a GIF',
      () =>
        upload(wang, 'GIF89a\x01\x00\x01\x00\x00\x00\x00;', { name: 'a.gif', type: 'image/gif' }),
      '只支持 JPEG、PNG、WebP 格式的照片',
    ],
    [
      'a JPEG over 5 MB',
      () => {
        const big = new Uint8Array(5 * 1024 * 1024 + 1)
        big.set(tinyJpeg())
        return upload(wang, big, { name: 'big.jpg' })
      },
      '照片不能超过 5MB',
    ],
    ['no file at all', () => upload(wang, null), '请选择一张照片'],
    ['an empty community', () => upload(wang, tinyJpeg(), { communityId: '' }), '缺少社区信息'],
    ['no community', () => upload(wang, tinyJpeg(), { communityId: null }), '缺少社区信息'],
    [
      'text in place of the file',
      () => upload(wang, tinyJpeg(), { asText: true }),
      '请选择一张照片',
    ],
  ]
  for (const [what, send, phrase] of rejected) {
    it(`rejects ${what} with “${phrase}”: no row, no R2 object`, async () => {
      await expectRejected(send, phrase)
    })
  }

  it('accepts a JPEG of exactly 5 MB', async () => {
    const limit = new Uint8Array(5 * 1024 * 1024)
    limit.set(tinyJpeg())
    const res = expectStatus(await upload(wang, limit, { name: 'limit.jpg' }), 201)
    expect((await stored(res.body.id)).bytes).toBe(limit.length)
  })

  it('refuses a user who is not a resident or staff of the community (403), storing nothing', async () => {
    const before = await snapshot()
    const res = expectStatus(await upload(wang, tinyJpeg(), { communityId: 'cm-fengqiao' }), 403)
    expect(res.body.error.message).toBe('请先完成本社区的居民认证')
    expect(await snapshot()).toEqual(before)
  })
})

describe('photo metadata (EXIF with GPS) is stripped before storage', () => {
  const cases: [string, Uint8Array, Uint8Array][] = [
    ['a JPEG with an APP1 Exif segment', tinyJpeg({ exif: true }), tinyJpeg()],
    ['a PNG with tEXt and eXIf chunks', tinyPng({ metadata: true }), tinyPng()],
    ['a WebP with an EXIF chunk', tinyWebp({ exif: true }), tinyWebp({ extended: true })],
  ]
  for (const [what, withMetadata, clean] of cases) {
    it(`serves ${what} back without it, neither from the API nor from R2`, async () => {
      expect(containsText(withMetadata, GPS_MARKER)).toBe(true)
      const res = expectStatus(await upload(wang, withMetadata), 201)
      const got = await download(res.body.url)
      expect(got.status).toBe(200)
      expect(containsText(got.bytes, GPS_MARKER)).toBe(false)
      expect(containsText(got.bytes, 'Exif')).toBe(false)
      // Exactly the image without its metadata: nothing else was touched.
      expect(got.bytes).toEqual(clean)
      const row = await one<{ r2_key: string; bytes: number }>(
        'SELECT r2_key, bytes FROM suggestion_photos WHERE id = ?',
        res.body.id,
      )
      const object = await photoStore().get(row.r2_key)
      const inBucket = new Uint8Array(await new Response(object!.body).arrayBuffer())
      expect(containsText(inBucket, GPS_MARKER)).toBe(false)
      expect(row.bytes).toBe(clean.length)
    })
  }
})

describe('GET /api/suggestion-photos/{id} of a suggestion awaiting moderation', () => {
  let suggestionId: string, photoId: string, signedUrl: string
  beforeAll(async () => {
    photoId = expectStatus(await upload(wang, tinyJpeg()), 201).body.id
    suggestionId = await suggestionIn('submitted', { author: wang, staff }, { photoIds: [photoId] })
    const detail = expectStatus(
      await send(client(wang).suggestions[':id'].$get({ param: { id: suggestionId } })),
      200,
    )
    signedUrl = detail.body.photos[0]!.url
  })

  it('is not served to others without a signature', async () => {
    expect((await download(`/api/suggestion-photos/${photoId}`)).status).toBe(404)
    expect((await download(`/api/suggestion-photos/${photoId}`, li)).status).toBe(404)
  })

  it('is served through the signed URL the author was given, privately cached', async () => {
    expect(signedUrl).toMatch(/\?exp=\d+&sig=[0-9a-f]{32}$/)
    const got = await download(signedUrl)
    expect(got.status).toBe(200)
    expect(got.bytes).toEqual(tinyJpeg())
    expect(got.headers.get('cache-control')).toBe('private, no-store')
  })

  it('refuses an expired signature, a forged one, and a signature moved to another photo or time (404)', async () => {
    const past = Date.now() - 1000
    const future = Date.now() + 60_000
    const otherPhoto = expectStatus(await upload(wang, tinyPng()), 201).body.id
    const exp = new URL(signedUrl, 'http://x').searchParams.get('exp')!
    const sig = new URL(signedUrl, 'http://x').searchParams.get('sig')!
    const urls = [
      `/api/suggestion-photos/${photoId}?exp=${past}&sig=${await signPhoto(photoId, past)}`, // correctly signed, expired
      `/api/suggestion-photos/${photoId}?exp=${future}&sig=${'0'.repeat(32)}`, // forged
      `/api/suggestion-photos/${photoId}?exp=${future}&sig=${await signPhoto(photoId, future, 'wrong-secret')}`, // wrong key
      `/api/suggestion-photos/${photoId}?exp=${Number(exp) + 1}&sig=${sig}`, // exp changed
      `/api/suggestion-photos/${otherPhoto}?exp=${exp}&sig=${sig}`, // moved to another photo
      `/api/suggestion-photos/${photoId}?exp=${exp}`, // signature dropped
    ]
    for (const url of urls) expect([url, (await download(url)).status]).toEqual([url, 404])
    // The forger's own correct signature for a future time does work: the key is what matters.
    expect(
      (
        await download(
          `/api/suggestion-photos/${photoId}?exp=${future}&sig=${await signPhoto(photoId, future)}`,
        )
      ).status,
    ).toBe(200)
  })

  it('becomes a plain public URL once the suggestion is published', async () => {
    const published = expectStatus(
      await send(client(staff).suggestions[':id'].publish.$post({ param: { id: suggestionId } })),
      200,
    )
    expect(published.body.photos[0]!.url).toBe(`/api/suggestion-photos/${photoId}`)
    const got = await download(`/api/suggestion-photos/${photoId}`)
    expect(got.status).toBe(200)
    expect(got.headers.get('cache-control')).toBe('public, max-age=300')
  })
})
