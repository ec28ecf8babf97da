import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { http } from '../http-client'
import { serveVars, startLocalServer, type LocalServer } from '../local-server'
import {
  contentCheckVars,
  FAKE_PUSH_TOKEN,
  startFakeSecurity,
  type FakeSecurityServer,
} from '../fake-wechat-security-server'
import { mediaCheckPush, signedPushQuery } from '../fake-wechat-security'
import { journeyBrowser, openFresh, press, shot, signedInPhone } from './helpers'
import { makePng } from './png'

// Content safety in the H5 mini-program (issue 13), on a server of its own with WeChat's
// content checks on against a fake (the shared e2e server keeps them off, so the other journeys
// are not held): a resident's comment with a listed word is refused with the message under the
// box; a photo stays 审核中 for its uploader, and hidden from others, until WeChat's push passes it.

const root = path.resolve(import.meta.dirname, '../..')
const enabled = Boolean(inject('baseUrl')) && Boolean(inject('stateDir'))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

describe.skipIf(!enabled)('content safety in the H5 mini-program', () => {
  let browser: Browser
  let server: LocalServer
  let wechat: FakeSecurityServer
  let stateDir = ''
  let baseUrl = ''

  const api = async (method: string, route: string, token?: string, body?: unknown) => {
    const response = await http(`${baseUrl}${route}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    })
    const json = (await response.json()) as any
    if (!response.ok)
      throw new Error(`${method} ${route} → ${response.status} ${JSON.stringify(json)}`)
    return json
  }
  const tokenOf = async (demoUser: string) =>
    (await api('POST', '/api/auth/dev', undefined, { demoUser })).token as string
  const detailUrl = (id: string) => `${baseUrl}/#/packages/suggestions/pages/detail/index?id=${id}`

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'linli-e2e-content-'))
    const run = (script: string) =>
      execFileSync('npm', ['run', '--silent', script, '--', '--persist-to', stateDir], {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
        stdio: 'pipe',
      })
    run('db:migrate:local')
    run('db:seed:local')
    wechat = await startFakeSecurity()
    const vars = serveVars(
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts?.serve,
    )
    server = await startLocalServer(
      ['--persist-to', stateDir, ...vars, ...contentCheckVars(wechat.url)],
      await freePort(),
    )
    baseUrl = server.baseUrl
    browser = await journeyBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    server?.stop()
    await wechat?.close()
    if (stateDir) rmSync(stateDir, { recursive: true, force: true })
  })

  /** The comment box's textarea (Taro's <Textarea>: the real element is inside). */
  const commentBox = (page: Page) =>
    page
      .locator('taro-textarea-core[placeholder="写下您的看法（认证居民可评论）"] textarea')
      .filter({ visible: true })
      .first()

  it('a comment with a listed word is refused, the message stays under the box, nothing is posted', async () => {
    const wang = await tokenOf('resident-wang')
    const list = await api('GET', '/api/communities/cm-huaishu/suggestions?limit=5')
    const id = list.items[0].id as string
    const { page } = await signedInPhone(browser, wang)
    await openFresh(page, detailUrl(id))
    const words = '门口那个傻 逼又把车堵在消防通道'
    await commentBox(page).waitFor({ timeout: 20_000 })
    await commentBox(page).fill(words)
    await press(page, '发表评论')
    const message = page.locator('.field__error').filter({ visible: true }).first()
    await message.waitFor({ timeout: 15_000 })
    expect(await message.textContent()).toBe('评论含有不适宜的词语「傻 逼」，请修改后再提交')
    // What the resident wrote is still there to correct; nothing was posted.
    expect(await commentBox(page).inputValue()).toBe(words)
    await shot(page, 'content-comment-refused')
    const comments = await api('GET', `/api/suggestions/${id}/comments`)
    expect(JSON.stringify(comments)).not.toContain('消防通道')
  })

  it('a photo stays 审核中 for its uploader and hidden from others until WeChat’s push passes it', async () => {
    const [wang, li, zhao] = await Promise.all([
      tokenOf('resident-wang'),
      tokenOf('resident-li'),
      tokenOf('staff-zhao'),
    ])
    // Upload as the mini-program does (multipart), then submit and publish the 金点子.
    const form = new FormData()
    form.set(
      'file',
      new Blob([makePng(64, 48, (x) => [180, 90 + (x % 40), 60])], { type: 'image/png' }),
      'alley.png',
    )
    form.set('communityId', 'cm-huaishu')
    const uploaded = await fetch(`${baseUrl}/api/suggestion-photos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${wang}` },
      body: form,
    })
    const photo = (await uploaded.json()) as { id: string; review: string | null }
    expect(uploaded.status).toBe(201)
    expect(photo.review).toBe('审核中')
    const created = await api('POST', '/api/communities/cm-huaishu/suggestions', wang, {
      title: '后弄电线乱拉，下雨天很危险',
      description: '三号楼后弄的电线从窗口拉到树上晾衣服，下雨天漏电的风险很大。',
      category: 'cables',
      photoIds: [photo.id],
      showName: false,
    })
    await api('POST', `/api/suggestions/${created.id}/publish`, zhao)

    const author = await signedInPhone(browser, wang)
    await openFresh(author.page, detailUrl(created.id))
    const badge = author.page.locator('.photo-grid__state').filter({ visible: true }).first()
    await badge.waitFor({ timeout: 20_000 })
    expect(await badge.textContent()).toBe('审核中')
    await shot(author.page, 'content-photo-held')

    const other = await signedInPhone(browser, li)
    await openFresh(other.page, detailUrl(created.id))
    await other.page.getByText('后弄电线乱拉，下雨天很危险').first().waitFor({ timeout: 20_000 })
    expect(await other.page.locator('.photo-grid__img').filter({ visible: true }).count()).toBe(0)

    // WeChat's verdict arrives at the signed push endpoint.
    const check = wechat.fake.mediaChecks().at(-1)!
    expect(new URL(check.body.media_url).pathname).toBe(`/api/suggestion-photos/${photo.id}`)
    const traceId = traceOf(photo.id)
    const query = new URLSearchParams(await signedPushQuery(FAKE_PUSH_TOKEN))
    const pushed = await fetch(`${baseUrl}/api/wechat/push?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mediaCheckPush(traceId, 'pass', 'wx-security-appid')),
    })
    expect(pushed.status).toBe(200)

    await openFresh(author.page, detailUrl(created.id))
    await author.page
      .locator('.photo-grid__img')
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 20_000 })
    expect(await author.page.locator('.photo-grid__state').filter({ visible: true }).count()).toBe(
      0,
    )
    await openFresh(other.page, detailUrl(created.id))
    await other.page
      .locator('.photo-grid__img')
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: 20_000 })
    await shot(other.page, 'content-photo-passed')
  })

  /** The trace_id WeChat gave for the photo: the fake answered it, in the order it was asked. */
  function traceOf(photoId: string): string {
    const requests = wechat.fake.mediaChecks()
    const index = requests.findIndex((r) => String(r.body.media_url).includes(photoId))
    expect(index).toBeGreaterThanOrEqual(0)
    return wechat.fake.traceIds()[index]!
  }
})
