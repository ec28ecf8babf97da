import { describe, expect, it } from 'vitest'
import { assertStatus, client, rawRequest, send } from './client'

describe('platform', () => {
  it('answers health with ok', async () => {
    const res = await send(client().health.$get())
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true })
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-z]{12}$/)
  })

  it('returns a JSON 404 in Chinese for unknown API routes', async () => {
    const res = await rawRequest('GET', '/api/nope')
    assertStatus(res, 404)
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在' } })
  })

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await rawRequest('GET', '/api/openapi.json')
    assertStatus(res, 200)
    expect(res.body.openapi).toBe('3.1.0')
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/wechat',
        '/api/me',
        '/api/residency/claim',
        '/api/communities/{id}',
      ]),
    )
    // The dev login is never documented.
    expect(Object.keys(res.body.paths)).not.toContain('/api/auth/dev')
  })

  it('rejects malformed JSON with a Chinese validation error and no stack', async () => {
    const res = await rawRequest('POST', '/api/auth/wechat', { body: '{"code":' })
    assertStatus(res, 400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.message).toMatch(/JSON/)
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/)
  })

  it('rejects a non-JSON content type', async () => {
    const res = await rawRequest('POST', '/api/auth/wechat', {
      body: 'code=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assertStatus(res, 415)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
  })
})
