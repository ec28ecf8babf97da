import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { hasDatabase } from './db'
import {
  confirmModal,
  devToken,
  journeyBrowser,
  openFresh,
  see,
  shot,
  signedInPhone,
  tap,
} from './helpers'

// The grid (issue 15, decision 018), in the H5 mini-program: 刘阿姨, 楼组长 of 槐荫里 (seeded),
// opens 我负责的楼组 from 我的 and sees her buildings' households and residents by nickname, the
// newcomer waiting for verification (and vouches for him), and the running parking vote's turnout
// by building with the households still to vote (the vote was opened with 楼组长提醒). Staff see
// the grids side by side in the workbench. Screenshots: docs/screenshots/grid-*.png.

const baseUrl = inject('baseUrl')

describe.skipIf(!baseUrl || !hasDatabase())('楼组长 and 网格与楼组, in the H5 mini-program', () => {
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => (browser = await journeyBrowser()))
  afterAll(() => browser?.close())

  it(
    'a 楼组长 sees her buildings: residents, a request she vouches for, turnout and who has not voted',
    { timeout: 240_000 },
    async () => {
      const leader = (await signedInPhone(browser, await devToken('leader-liu'), pageErrors)).page
      await openFresh(leader, `${baseUrl}/#/pages/mine/index`)
      await tap(leader, '我负责的楼组')
      await see(leader, '社区任命您照看这些楼栋')
      await tap(leader, '槐荫里楼组')
      await see(leader, '槐荫里5弄')
      await see(leader, '户已认证')
      await shot(leader, 'grid-leader-overview', { top: true })

      await tap(leader, '住户')
      await see(leader, '张大爷')
      await shot(leader, 'grid-leader-households', { top: true })

      await leader
        .getByText(/^申请 \d+$/)
        .filter({ visible: true })
        .first()
        .click()
      await see(leader, '小马')
      await tap(leader, '我认识，作证')
      await confirmModal(leader, '我认识')
      await see(leader, '您已作证')
      await shot(leader, 'grid-leader-requests', { top: true })

      await leader
        .getByText(/^表决 \d+$/)
        .filter({ visible: true })
        .first()
        .click()
      await see(leader, '槐荫里电动车停放公约')
      await see(leader, /槐荫里5弄 (还差 \d+ 户|已全部参与)/)
      await see(leader, '还没有投票的户')
      await see(leader, '看不到投了什么')
      await shot(leader, 'grid-leader-votes', { top: true })
    },
  )

  it(
    'staff see every 网格 side by side and the 楼组 with their 楼组长',
    { timeout: 180_000 },
    async () => {
      const staff = (await signedInPhone(browser, await devToken('staff-zhao'), pageErrors)).page
      await openFresh(staff, `${baseUrl}/#/packages/staff/pages/index/index?communityId=cm-huaishu`)
      await tap(staff, '网格与楼组')
      await see(staff, '网格（并排比较）')
      await see(staff, '梧桐苑网格')
      await see(staff, '楼组长 刘阿姨')
      await see(staff, '网格员 何网格')
      await shot(staff, 'grid-staff-manage', { top: true })
      expect(pageErrors).toEqual([])
    },
  )
})
