import { mkdirSync, readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { MINUTE, HOUR, DAY, shanghaiDate } from '../../worker/lib/time'
import { launchChromium } from './chromium'
import { hasDatabase, sql } from './db'
import {
  api,
  devToken,
  type Json,
  openFresh,
  press,
  SCREENSHOTS as screenshots,
  see,
  shot,
  signedInPhone,
} from './helpers'
import { makePng } from './png'

// What the organisers and residents do around a meeting beyond the first journey
// (meetings.e2e.test.ts), on the H5 build in phone-sized Chromium:
// - an invitation-only 议事会: a 议事会 member finds a resident by nickname on the invite page and
//   invites her, the invited resident signs up, another is told only invited residents may;
//   the resident asks to speak on an item and the organiser sees it on the attendance page; the
//   organiser moves the meeting on the edit page and the resident reads "时间地点有变" and the new
//   day; the attendance CSV downloads with its BOM; the meeting is cancelled with a reason, which
//   the resident reads in 我的消息 and on the meeting's page;
// - a 评议会 on the completed demo suggestion: a resident present rates the item with stars and
//   the suggestion's 民事民评 counts it; minutes with a photo are published and residents see it.
// Residents are made here (dev login + a residency by SQL), times moved with SQL.

const baseUrl = inject('baseUrl')
const COMMUNITY = 'cm-huaishu'
const HOUSEHOLD = 'hh-wutong-2-2-502'
const RATED = 'sg-demo-lights'
const RUN = Date.now().toString(36)

const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`)
/** "11月24日", how the date strip and the meeting's page write a day. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

type Person = { token: string; userId: string; nickname: string }

/** Residents of their own for this file: dev login, consent, a nickname, a verified residency. */
async function newResidents(nicknames: string[]): Promise<Person[]> {
  const { version } = await api('GET', '/api/privacy/notice')
  const people = await Promise.all(
    nicknames.map(async (nickname, i) => {
      const login = await api('POST', '/api/auth/dev', undefined, { openid: `mtg-org-${RUN}-${i}` })
      await api('POST', '/api/me/consent', login.token, { version })
      await api('PATCH', '/api/me', login.token, { nickname })
      return { token: login.token as string, userId: login.user.id as string, nickname }
    }),
  )
  sql(
    `INSERT INTO residencies (id, user_id, household_id, community_id, status, via, is_representative, verified_at) VALUES ${people
      .map(
        (p, i) =>
          `('rs-mtg-org-${RUN}-${i}', '${p.userId}', '${HOUSEHOLD}', '${COMMUNITY}', 'verified', 'request', 0, ${Date.now()})`,
      )
      .join(', ')}`,
  )
  return people
}

/** A published meeting at an address (no room: the room journeys keep the rooms). */
async function publishedMeeting(token: string, body: Json): Promise<Json> {
  const created = await api('POST', `/api/communities/${COMMUNITY}/meetings`, token, {
    description: '',
    address: '槐树社区居委会二楼会议室',
    capacity: 10,
    signupOpensAt: Date.now() - MINUTE,
    ...body,
  })
  await api('POST', `/api/meetings/${created.id}/publish`, token)
  return created
}

async function signedInPage(browser: Browser, token: string, errors: string[]) {
  return (await signedInPhone(browser, token, errors)).page
}

const open = (page: Page, route: string) => openFresh(page, `${baseUrl}/#${route}`)

const meetingPage = (name: string, id: string) => `/packages/meetings/pages/${name}/index?id=${id}`

function visible(page: Page, selector: string, text?: string | RegExp) {
  const all = page.locator(selector).filter({ visible: true })
  return (text ? all.filter({ hasText: text }) : all).first()
}

/** Sets a time field of the edit form through the H5 time picker: tap the hour, then 确定. */
async function pickHour(page: Page, label: string, hour: string) {
  await page
    .locator('.field')
    .filter({ has: page.locator('.field__label', { hasText: new RegExp(`^${label}$`) }) })
    .filter({ visible: true })
    .first()
    .locator('.input')
    .click()
  const picker = visible(page, '.weui-picker')
  await page.waitForTimeout(500) // the picker slides up
  const wheel = await picker.locator('.weui-picker__bd').boundingBox()
  // The hour wheel repeats a few hours above and below (for endless turning): tap the copy in
  // the window. Its translucent mask lies over the items; the wheel reads where the tap landed.
  const boxes = await picker
    .locator('.weui-picker__group')
    .first()
    .locator('.weui-picker__item')
    .filter({ hasText: new RegExp(`^${hour}$`) })
    .evaluateAll((items) => items.map((i) => i.getBoundingClientRect().toJSON() as DOMRect))
  const item = boxes.find(
    (b) => wheel && b.y >= wheel.y && b.y + b.height <= wheel.y + wheel.height,
  )
  if (!item) throw new Error(`the hour ${hour} is not in the picker's window`)
  await page.mouse.click(item.x + item.width / 2, item.y + item.height / 2)
  await page.waitForTimeout(500) // the wheel turns to it
  await picker.getByText('确定', { exact: true }).click()
  await page
    .locator('.field')
    .filter({ has: page.locator('.field__label', { hasText: new RegExp(`^${label}$`) }) })
    .filter({ visible: true })
    .first()
    .filter({ hasText: `${hour}:00` })
    .waitFor({ timeout: 5_000 })
}

/** The resident's 我的消息 lists a message with this title and this text in its body. */
async function inboxShows(page: Page, title: string, body: string) {
  await open(page, '/packages/inbox/pages/index/index')
  await visible(page, '.inbox-item', title).filter({ hasText: body }).waitFor({ timeout: 15_000 })
}

/** A small PNG (a grey room with a table), for the minutes' photo. */
const meetingPhoto = (width = 200, height = 150) =>
  makePng(width, height, (x, y) => {
    const table = y > height * 0.55 && y < height * 0.7 && x > width * 0.2 && x < width * 0.8
    return table ? [140, 90, 50] : [210, 210, 205]
  })

describe.skipIf(!baseUrl || !hasDatabase())(
  'meetings: what organisers and residents do beyond the first journey (H5)',
  () => {
    let browser: Browser
    const pageErrors: string[] = []
    let committeeToken = ''
    let residents: Person[] = []

    beforeAll(async () => {
      mkdirSync(screenshots, { recursive: true })
      browser = await launchChromium()
      committeeToken = await devToken('committee-wu')
      residents = await newResidents([
        `孙阿姨${RUN.slice(-3)}`,
        `钱大爷${RUN.slice(-3)}`,
        `周奶奶${RUN.slice(-3)}`,
      ])
    })

    afterAll(async () => {
      await browser?.close()
    })

    it(
      'invitation-only 议事会: invite, sign up, speak request, move, CSV, cancel with reason',
      { timeout: 150_000 },
      async () => {
        const [sun, qian] = residents as [Person, Person]
        const day = shanghaiDate(Date.now() + 10 * DAY)
        const newDay = shanghaiDate(Date.now() + 11 * DAY)
        const title = `楼道堆物清理议事会（${RUN}）`
        const item = '梧桐苑2号楼楼道堆物怎么清'
        const topic = '三楼的旧沙发能不能请物业帮忙搬走'
        const reason = '街道当天统一检查，改期另行通知'
        const meeting = await publishedMeeting(committeeToken, {
          type: 'council',
          title,
          startsAt: at(day, '14:00'),
          endsAt: at(day, '16:00'),
          signupClosesAt: at(day, '12:00'),
          audience: 'invited',
          agenda: [{ title: item }],
        })

        // --- a 议事会 member finds Sun by nickname and invites her ---------------------------------
        const committee = await signedInPage(browser, committeeToken, pageErrors)
        await open(committee, meetingPage('detail', meeting.id))
        await press(committee, '邀请居民')
        await see(committee, '只有受邀的居民可以报名')
        await visible(committee, '.input').locator('input').fill(sun.nickname)
        await visible(committee, '.tap-row', sun.nickname).click()
        await see(committee, '邀请 1 位居民')
        await shot(committee, 'meetings-invite', { top: true })
        await press(committee, '邀请 1 位居民')
        await see(committee, '已邀请 1 人')
        await visible(committee, '.tap-row', sun.nickname).filter({ hasText: '已邀请' }).waitFor()

        // --- Sun is told, signs up and asks to speak; Qian may not sign up --------------------------
        const resident = await signedInPage(browser, sun.token, pageErrors)
        await inboxShows(resident, '邀请您参加议事会', title)
        await visible(resident, '.inbox-item', title).click()
        await press(resident, '我要报名')
        await see(resident, '请按时到会')
        await press(resident, '申请发言')
        await visible(resident, '.textarea').locator('textarea').fill(topic)
        await press(resident, '提交申请')
        await see(resident, `我申请发言：${topic}`)

        const other = await signedInPage(browser, qian.token, pageErrors)
        await open(other, meetingPage('detail', meeting.id))
        await see(other, '仅限受邀居民')
        await see(other, '您不在邀请名单上')
        await expect(visible(other, '.btn', '我要报名').count()).resolves.toBe(0)
        await other.context().close()

        // --- the organiser moves the meeting a day later -------------------------------------------
        await open(committee, meetingPage('detail', meeting.id))
        await press(committee, '修改会议')
        await see(committee, '已报名的居民会收到通知')
        await visible(committee, '.date-strip__day', monthDay(newDay)).click()
        await pickHour(committee, '开始', '15')
        await pickHour(committee, '结束', '17')
        await shot(committee, 'meetings-edit', { centre: visible(committee, '.date-strip') })
        await press(committee, '保存修改')
        await see(committee, `${monthDay(newDay)}`)
        expect(await api('GET', `/api/meetings/${meeting.id}`)).toMatchObject({
          startsAt: at(newDay, '15:00'),
          endsAt: at(newDay, '17:00'),
        })

        await inboxShows(resident, '议事会时间地点有变', title)
        await visible(resident, '.inbox-item', '时间地点有变').click()
        await see(resident, `${monthDay(newDay)}`)
        await see(resident, '15:00–17:00')

        // --- the attendance page: the speak request, and the CSV ------------------------------------
        await open(committee, meetingPage('attendance', meeting.id))
        await see(committee, `1. ${sun.nickname}：${topic}`)
        await see(committee, `议题：${item}`)
        await shot(committee, 'meetings-attendance', { centre: visible(committee, '.mt-speak') })
        const [download] = await Promise.all([
          committee.waitForEvent('download'),
          press(committee, '下载签到表'),
        ])
        expect(download.suggestedFilename()).toBe(`${newDay} ${title} 签到表.csv`)
        const csv = readFileSync((await download.path())!)
        expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
        const lines = csv.toString('utf8').slice(1).split('\r\n')
        expect(lines[0]).toBe(
          '"序号","类型","昵称","姓名","楼栋","报名状态","报名时间","候补转正时间","签到时间","备注"',
        )
        expect(lines[1]).toContain(`"${sun.nickname}"`)

        // --- cancelled with a reason ------------------------------------------------------------------
        await open(committee, meetingPage('detail', meeting.id))
        await press(committee, '取消会议')
        await visible(committee, '.sheet__panel', '取消会议').locator('textarea').fill(reason)
        await press(committee, '确认取消会议')
        await see(committee, '会议已取消')

        await inboxShows(resident, '议事会已取消', reason)
        await visible(resident, '.inbox-item', '议事会已取消').click()
        await see(resident, '会议已取消')
        await see(resident, `原因：${reason}`)
        await see(resident, `原定 ${monthDay(newDay)}`)
        await expect(visible(resident, '.mt-hero', '已报名').count()).resolves.toBe(0)
        await shot(resident, 'meetings-cancelled', { top: true })

        await Promise.all([committee, resident].map((p) => p.context().close()))
        expect(pageErrors).toEqual([])
      },
    )

    it(
      '评议会: a resident present rates the completed suggestion; minutes with a photo',
      { timeout: 150_000 },
      async () => {
        const zhou = residents[2]!
        const day = shanghaiDate(Date.now() + 12 * DAY)
        const title = `青石巷路灯评议会（${RUN}）`
        const minutes =
          '到会居民对青石巷新装的两盏路灯进行了评议，普遍反映晚上回家亮堂多了，建议定期检查灯泡。'
        const meeting = await publishedMeeting(committeeToken, {
          type: 'evaluation',
          title,
          startsAt: at(day, '10:00'),
          endsAt: at(day, '11:00'),
          signupClosesAt: at(day, '09:00'),
          audience: 'residents',
          agenda: [{ title: '青石巷加装路灯办得怎么样', suggestionId: RATED }],
        })
        await api('POST', `/api/meetings/${meeting.id}/registration`, zhou.token)
        const ratingsBefore = (await api('GET', `/api/suggestions/${RATED}`)).rating?.count ?? 0

        // The meeting began five minutes ago: Zhou is told to check in first, does, and may rate.
        const start = Date.now() - 5 * MINUTE
        sql(
          `UPDATE meetings SET starts_at = ${start}, ends_at = ${start + HOUR}, signup_closes_at = ${start - 10 * MINUTE} WHERE id = '${meeting.id}'`,
        )
        const resident = await signedInPage(browser, zhou.token, pageErrors)
        await open(resident, meetingPage('detail', meeting.id))
        await see(resident, '到场签到后，就可以为这项工作打分')
        await visible(resident, '.input--code').locator('input').fill(meeting.checkinCode)
        await press(resident, /^签到$/)
        await see(resident, '请为这项工作打分')
        await visible(resident, '.mt-stars__star[aria-label="4 星"]').click()
        await see(resident, '我的评分：4 星')
        await see(resident, /居民评分：\d\.\d 星（\d+ 人）/)
        await shot(resident, 'meetings-evaluation', { centre: visible(resident, '.mt-stars') })
        const after = (await api('GET', `/api/suggestions/${RATED}`)).rating
        expect(after.count).toBe(ratingsBefore + 1)

        // --- minutes with a photo ---------------------------------------------------------------------
        const committee = await signedInPage(browser, committeeToken, pageErrors)
        const uploads: number[] = []
        committee.on('response', (r) => {
          if (/\/api\/meetings\/[^/]+\/photos$/.test(new URL(r.url()).pathname))
            uploads.push(r.status())
        })
        await open(committee, meetingPage('minutes', meeting.id))
        await see(committee, '会议纪要')
        await visible(committee, '.minutes-text').locator('textarea').fill(minutes)
        const [chooser] = await Promise.all([
          committee.waitForEvent('filechooser'),
          press(committee, '添加照片'),
        ])
        await chooser.setFiles({
          name: 'meeting.png',
          mimeType: 'image/png',
          buffer: meetingPhoto(),
        })
        await expect.poll(() => uploads, { timeout: 15_000 }).toEqual([201])
        await see(committee, '会议照片（1）')
        await press(committee, '公布纪要')
        await visible(committee, '.taro-modal__foot').getByText('公布', { exact: true }).click()
        await see(committee, '已于')
        await shot(committee, 'meetings-minutes-photo', {
          centre: visible(committee, '.mt-photos'),
        })

        await open(resident, meetingPage('detail', meeting.id))
        await see(resident, minutes.slice(0, 12))
        const photo = visible(resident, '.mt-photos__img img')
        await photo.waitFor({ timeout: 15_000 })
        await expect
          .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
            timeout: 15_000,
          })
          .toBe(200)

        await Promise.all([committee, resident].map((p) => p.context().close()))
        expect(pageErrors).toEqual([])
      },
    )
  },
)
