import type { Home } from '@worker/home/schemas'
import { formatDateTime } from '@/lib/format'

// The rows of 首页 "待我处理": pure, so tests/miniapp/home-to-dos.test.ts runs it in node.

type Row = { key: string; title: string; meta: string; url: string }

const DAY = 86_400_000

/** The rows, most urgent kinds first, each opening the page where it is done. */
export function toDoRows(home: Home, now: number): Row[] {
  const rows: Row[] = []
  for (const v of home.votes)
    rows.push({
      key: `v${v.id}`,
      title: `表决：${v.title}`,
      meta: `还剩 ${Math.max(1, Math.ceil((v.closesAt - now) / DAY))} 天截止，您还没有投票`,
      url: `/packages/conventions/pages/vote/index?id=${v.id}`,
    })
  for (const m of home.meetings)
    rows.push({
      key: `m${m.id}`,
      title: m.title,
      meta: `${formatDateTime(m.startsAt)} · ${m.place}${m.waitlisted ? ' · 候补中' : ''}`,
      url: `/packages/meetings/pages/detail/index?id=${m.id}`,
    })
  for (const b of home.bookings)
    rows.push({
      key: `b${b.id}`,
      title: `预约：${b.roomName}`,
      meta: `${formatDateTime(b.startsAt)}${b.pending ? ' · 待审批' : ''}`,
      url: '/packages/bookings/pages/mine/index',
    })
  for (const n of home.news.items)
    rows.push({ key: `n${n.id}`, title: n.title, meta: n.body, url: n.link ?? '' })
  const s = home.staff
  if (s) {
    const work: [number, string, string][] = [
      [s.moderation, '条金点子待审核', '/packages/suggestions/pages/moderation/index'],
      [s.residencyRequests, '份居民认证待审核', '/packages/staff/pages/requests/index'],
      [
        s.answersDue,
        `条金点子待答复${s.overdue ? `（${s.overdue} 条已逾期）` : ''}`,
        '/packages/staff/pages/index/index',
      ],
    ]
    for (const [n, what, url] of work)
      if (n > 0) rows.push({ key: what, title: `${n} ${what}`, meta: '工作人员', url })
  }
  if (home.bookingsToApprove)
    rows.push({
      key: 'approve',
      title: `${home.bookingsToApprove} 个预约待审批`,
      meta: '邻里中心',
      url: '/packages/bookings/pages/manage/index',
    })
  return rows
}
