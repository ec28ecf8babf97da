import { describe, expect, it } from 'vitest'
import { toDoRows } from '@/pages/home/to-do-rows'

// 首页 "待我处理" (issue 12): what the home's one response becomes on screen.

const NOW = Date.UTC(2026, 11, 6, 2, 0) // 10:00 in Shanghai
const DAY = 86_400_000
const empty = {
  communityId: 'cm-huaishu',
  votes: [],
  meetings: [],
  bookings: [],
  news: { unread: 0, items: [] },
  staff: null,
  bookingsToApprove: null,
}

describe('toDoRows', () => {
  it('lists a resident’s open vote with the days left, her meeting, booking and 金点子 news, each opening its page', () => {
    const rows = toDoRows(
      {
        ...empty,
        votes: [{ id: 'cv-1', title: '电动车停放公约', closesAt: NOW + 2.5 * DAY }],
        meetings: [
          { id: 'mt-1', title: '议事会', startsAt: NOW + DAY, place: '议事厅', waitlisted: true },
        ],
        bookings: [
          { id: 'bk-1', roomName: '书画室', startsAt: NOW + DAY, endsAt: NOW + DAY, pending: true },
        ],
        news: {
          unread: 1,
          items: [
            {
              id: 'n-1',
              title: '金点子答复：采纳',
              body: '“路灯”：采纳',
              link: '/packages/suggestions/pages/detail/index?id=s-1',
              createdAt: NOW,
            },
          ],
        },
      },
      NOW,
    )
    expect(rows.map((r) => [r.title, r.meta, r.url])).toEqual([
      [
        '表决：电动车停放公约',
        '还剩 3 天截止，您还没有投票',
        '/packages/conventions/pages/vote/index?id=cv-1',
      ],
      [
        '议事会',
        '2026年12月7日 10:00 · 议事厅 · 候补中',
        '/packages/meetings/pages/detail/index?id=mt-1',
      ],
      ['预约：书画室', '2026年12月7日 10:00 · 待审批', '/packages/bookings/pages/mine/index'],
      ['金点子答复：采纳', '“路灯”：采纳', '/packages/suggestions/pages/detail/index?id=s-1'],
    ])
  })

  it('gives staff one row per kind of waiting work, leaving out what is zero', () => {
    const rows = toDoRows(
      {
        ...empty,
        staff: { moderation: 2, residencyRequests: 0, answersDue: 3, overdue: 1 },
        bookingsToApprove: 4,
      },
      NOW,
    )
    expect(rows.map((r) => r.title)).toEqual([
      '2 条金点子待审核',
      '3 条金点子待答复（1 条已逾期）',
      '4 个预约待审批',
    ])
  })

  it('is empty when nothing waits', () => {
    expect(
      toDoRows(
        {
          ...empty,
          staff: { moderation: 0, residencyRequests: 0, answersDue: 0, overdue: 0 },
          bookingsToApprove: 0,
        },
        NOW,
      ),
    ).toEqual([])
  })
})
