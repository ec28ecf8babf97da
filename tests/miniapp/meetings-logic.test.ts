import { describe, expect, it } from 'vitest'
import { MeetingBody, ResolutionBody } from '../../worker/meetings/schemas'
import type { MeetingSummary } from '@/packages/meetings/api'
import { csvFileName, registrationFilter } from '@/packages/meetings/lib/attendance'
import { checkinUrl } from '@/packages/meetings/lib/door'
import {
  badgeText,
  dueDateText,
  myStateLabel,
  normalizeCheckinCode,
  seatsFact,
  seatsText,
  signUpAction,
  signUpGate,
  votesText,
  whenText,
} from '@/packages/meetings/lib/labels'
import {
  closesBeforeChoices,
  draftProblem,
  emptyDraft,
  isLinked,
  newAgendaItem,
  toMeetingBody,
  type MeetingDraft,
} from '@/packages/meetings/lib/meeting-form'
import {
  EMPTY_RESOLUTION,
  resolutionProblem,
  toResolutionBody,
} from '@/packages/meetings/lib/resolution-form'
import { linkTarget } from '@/packages/inbox/lib/links'
import { meetingUrl } from '@/packages/meetings/lib/routes'
import { atShanghai, clock, meetingWhen, shanghaiDate } from '@/packages/meetings/lib/time'

const MIN = 60_000
const HOUR = 60 * MIN
/** Tuesday 2026-11-24, 10:00 in Shanghai. */
const NOW = Date.UTC(2026, 10, 24, 2, 0)

const my = (over: Partial<NonNullable<MeetingSummary['my']>>): MeetingSummary['my'] => ({
  status: 'confirmed',
  waitlistPosition: null,
  checkedIn: false,
  createdAt: NOW,
  actedBy: null,
  ...over,
})

function filled(over: Partial<MeetingDraft> = {}): MeetingDraft {
  return {
    ...emptyDraft(NOW),
    title: '停车改造听证会',
    roomId: 'rm-hall',
    agenda: [newAgendaItem({ kind: 'suggestion', id: 'sg-1', title: '增设停车位' })],
    ...over,
  }
}

describe('Shanghai time of meetings', () => {
  it('reads today, tomorrow and other days the way residents say them', () => {
    const start = atShanghai('2026-11-24', '19:00')
    expect(clock(start)).toBe('19:00')
    expect(meetingWhen(start, start + 2 * HOUR, NOW)).toBe('今天 19:00–21:00')
    expect(meetingWhen(start + 24 * HOUR, start + 26 * HOUR, NOW)).toBe('明天 19:00–21:00')
    expect(
      meetingWhen(atShanghai('2026-12-01', '09:30'), atShanghai('2026-12-01', '11:00'), NOW),
    ).toBe('12月1日 周二 09:30–11:00')
    expect(
      meetingWhen(atShanghai('2027-01-05', '19:00'), atShanghai('2027-01-05', '20:00'), NOW),
    ).toBe('2027年1月5日 周二 19:00–20:00')
  })

  it('takes the Shanghai date, not the UTC one, around midnight', () => {
    expect(shanghaiDate(Date.UTC(2026, 10, 24, 16, 30))).toBe('2026-11-25')
    expect(Number.isNaN(atShanghai('2026-11-24', 'soon'))).toBe(true)
  })
})

describe('labels of a meeting', () => {
  it('says where I am: signed up, waiting (with my place), checked in, or nothing', () => {
    expect(myStateLabel(null)).toBeNull()
    expect(myStateLabel(my({ status: 'cancelled' }))).toBeNull()
    expect(myStateLabel(my({}))?.text).toBe('已报名')
    expect(myStateLabel(my({ status: 'waitlisted', waitlistPosition: 2 }))).toEqual({
      text: '候补第 2 位',
      tone: 'warn',
    })
    expect(myStateLabel(my({ checkedIn: true }))?.text).toBe('已签到')
  })

  it('tells her who signed her up when someone did it for her (代办)', () => {
    expect(myStateLabel(my({ actedBy: '王老师' }))?.text).toBe('已报名（由 王老师 代办）')
    expect(
      myStateLabel(my({ status: 'waitlisted', waitlistPosition: 1, actedBy: '刘阿姨' }))?.text,
    ).toBe('候补第 1 位（由 刘阿姨 代办）')
  })

  it('counts seats and the waitlist', () => {
    expect(seatsText({ confirmedCount: 2, capacity: 2, waitlistCount: 0 })).toBe('已报名 2/2')
    expect(seatsText({ confirmedCount: 2, capacity: 2, waitlistCount: 3 })).toBe(
      '已报名 2/2 · 候补 3',
    )
  })

  it('says a cancelled meeting was planned for its time and drops its seats', () => {
    const m = {
      startsAt: NOW + 26 * HOUR,
      endsAt: NOW + 28 * HOUR,
      confirmedCount: 1,
      capacity: 10,
      waitlistCount: 0,
    }
    expect(whenText({ ...m, status: 'published' }, NOW)).toBe('明天 12:00–14:00')
    expect(whenText({ ...m, status: 'cancelled' }, NOW)).toBe('原定 明天 12:00–14:00')
    expect(seatsFact({ ...m, status: 'published' })).toBe('已报名 1/10')
    expect(seatsFact({ ...m, status: 'cancelled' })).toBeNull()
  })

  it('offers sign-up or the waitlist only to someone not yet in', () => {
    expect(signUpAction('open', null)).toBe('我要报名')
    expect(signUpAction('waitlist', my({ status: 'cancelled' }))).toBe('名额已满，加入候补')
    expect(signUpAction('open', my({}))).toBeNull()
    for (const s of ['not_yet', 'closed', 'cancelled', 'invited_only', 'draft'] as const)
      expect(signUpAction(s, null)).toBeNull()
  })

  it('shows votes only when a vote was taken, and due dates in Chinese', () => {
    expect(votesText({ votesFor: null, votesAgainst: null, votesAbstain: null })).toBeNull()
    expect(votesText({ votesFor: 8, votesAgainst: 0, votesAbstain: 1 })).toBe(
      '赞成 8 · 反对 0 · 弃权 1',
    )
    expect(dueDateText('2026-12-05')).toBe('2026年12月5日')
    expect(dueDateText(null)).toBeNull()
  })

  it('reads a check-in code typed with spaces or full-width digits, or scanned from the door QR', () => {
    expect(normalizeCheckinCode(' 207 316 ')).toBe('207316')
    expect(normalizeCheckinCode('２０７３１６')).toBe('207316')
    const url = checkinUrl('https://linli.example/', 'mt-1', '207316')
    expect(url).toBe(
      'https://linli.example/#/packages/meetings/pages/detail/index?id=mt-1&code=207316',
    )
    expect(normalizeCheckinCode(url)).toBe('207316')
    expect(normalizeCheckinCode('')).toBe('')
  })

  it('keeps the tab badge within WeChat’s four characters', () => {
    expect(badgeText(0)).toBeNull()
    expect(badgeText(7)).toBe('7')
    expect(badgeText(150)).toBe('99+')
  })
})

describe('the meeting form', () => {
  it('starts a week ahead in the evening and produces a body the API accepts', () => {
    const d = filled()
    expect(d.date).toBe('2026-12-01')
    expect(draftProblem(d, NOW, 40)).toBeNull()
    const body = toMeetingBody(d, NOW)
    expect(MeetingBody.safeParse(body).success).toBe(true)
    expect(body).toMatchObject({
      roomId: 'rm-hall',
      capacity: 30,
      startsAt: atShanghai('2026-12-01', '19:00'),
      endsAt: atShanghai('2026-12-01', '21:00'),
      signupClosesAt: atShanghai('2026-12-01', '17:00'),
      audience: 'residents',
      agenda: [{ title: '增设停车位', suggestionId: 'sg-1' }],
    })
    expect(body.address).toBeUndefined()
  })

  it('names the first thing to fix', () => {
    expect(draftProblem(filled({ title: '会' }), NOW, null)).toContain('会议名称')
    expect(draftProblem(filled({ end: '18:00' }), NOW, null)).toBe('结束时间应晚于开始时间')
    expect(
      draftProblem(filled({ date: '2026-11-24', start: '08:00', end: '09:00' }), NOW, null),
    ).toBe('会议开始时间已过，请重新选择')
    expect(draftProblem(filled({ roomId: null }), NOW, null)).toContain('请选择邻里中心的房间')
    expect(draftProblem(filled({ place: 'address', address: ' ' }), NOW, null)).toBe(
      '请填写会议地点',
    )
    expect(draftProblem(filled({ capacity: '0' }), NOW, null)).toContain('名额')
    expect(draftProblem(filled({ capacity: '50' }), NOW, 40)).toBe('名额超过房间容量（40 人）')
    expect(draftProblem(filled({ agenda: [] }), NOW, null)).toBe('请至少列出一个议题')
    expect(draftProblem(filled({ agenda: [newAgendaItem()] }), NOW, null)).toBe(
      '请填写第 1 个议题的标题',
    )
  })

  it('sends an address instead of a room, and an existing item keeps its id', () => {
    const body = toMeetingBody(
      filled({
        place: 'address',
        address: '居委会二楼',
        agenda: [
          {
            key: 'mi-1',
            id: 'mi-1',
            title: '议题',
            description: '',
            link: { kind: 'convention', id: 'cv-1', title: '规约' },
          },
        ],
      }),
      NOW,
    )
    expect(body.roomId).toBeUndefined()
    expect(body.address).toBe('居委会二楼')
    expect(body.agenda).toEqual([
      { id: 'mi-1', title: '议题', description: '', conventionId: 'cv-1' },
    ])
  })

  it('keeps an unusual saved deadline as its own choice, and hides linked candidates', () => {
    expect(closesBeforeChoices(120)).toHaveLength(3)
    expect(closesBeforeChoices(30).at(-1)).toEqual({ minutes: 30, label: '会前 0.5 小时' })
    expect(isLinked(filled().agenda, 'suggestion', 'sg-1')).toBe(true)
    expect(isLinked(filled().agenda, 'convention', 'sg-1')).toBe(false)
  })
})

describe('the resolution form', () => {
  const base = { ...EMPTY_RESOLUTION, decision: '同意增设 12 个停车位', owner: '居委会 赵书记' }

  it('asks for all three counts once a vote was taken', () => {
    expect(
      resolutionProblem(
        { ...base, voted: true, votesFor: '8', votesAgainst: '', votesAbstain: '1' },
        '2026-11-24',
      ),
    ).toContain('三项票数')
    expect(resolutionProblem({ ...base, decision: '同意' }, '2026-11-24')).toContain('决议内容')
    expect(resolutionProblem({ ...base, owner: ' ' }, '2026-11-24')).toBe('请填写责任人')
    expect(resolutionProblem({ ...base, dueDate: '2026-11-01' }, '2026-11-24')).toBe(
      '完成期限不能早于今天',
    )
  })

  it('produces bodies the API accepts, moving the suggestion only when one is linked', () => {
    const voted = toResolutionBody(
      {
        ...base,
        voted: true,
        votesFor: '8',
        votesAgainst: '0',
        votesAbstain: '1',
        dueDate: '2026-12-31',
        move: 'adopt',
      },
      true,
    )
    expect(voted).toEqual({
      decision: base.decision,
      votesFor: 8,
      votesAgainst: 0,
      votesAbstain: 1,
      owner: base.owner,
      dueDate: '2026-12-31',
      suggestionMove: 'adopt',
    })
    expect(ResolutionBody.safeParse(voted).success).toBe(true)
    const plain = toResolutionBody({ ...base, move: 'adopt' }, false)
    expect(plain).toEqual({ decision: base.decision, owner: base.owner, suggestionMove: 'none' })
  })
})

describe('attendance and links', () => {
  const reg = (seq: number, status: 'confirmed' | 'waitlisted' | 'cancelled') => ({
    seq,
    userId: `u${seq}`,
    nickname: `n${seq}`,
    realName: null,
    building: null,
    status,
    checkedInAt: null,
    createdAt: NOW,
    promotedAt: null,
  })

  it('lists registrations in sign-up order, cancelled last under 全部', () => {
    const list = [
      reg(3, 'waitlisted'),
      reg(1, 'cancelled'),
      reg(2, 'confirmed'),
      reg(4, 'confirmed'),
    ]
    expect(registrationFilter(list, 'confirmed').map((r) => r.seq)).toEqual([2, 4])
    expect(registrationFilter(list, 'waitlisted').map((r) => r.seq)).toEqual([3])
    expect(registrationFilter(list, 'all').map((r) => r.seq)).toEqual([2, 3, 4, 1])
  })

  it('names the CSV by date and title without characters a file system refuses', () => {
    expect(csvFileName('停车/改造:听证会', atShanghai('2026-12-01', '19:00'))).toBe(
      '2026-12-01 停车 改造 听证会 签到表.csv',
    )
  })

  it('opens notification links inside the app only', () => {
    expect(linkTarget(meetingUrl('detail', { id: 'mt-1' }))).toEqual({
      kind: 'page',
      url: '/packages/meetings/pages/detail/index?id=mt-1',
    })
    expect(linkTarget('/pages/mine/index')).toEqual({ kind: 'tab', url: '/pages/mine/index' })
    expect(linkTarget('https://evil.example/')).toBeNull()
    expect(linkTarget('//evil.example/pages/x')).toBeNull()
    expect(linkTarget(null)).toBeNull()
  })
})

describe('who may sign up (the gate before 我要报名)', () => {
  const meeting = {
    communityId: 'cm-huaishu',
    status: 'published' as const,
    startsAt: NOW + 2 * 24 * HOUR,
    my: null,
  }
  const person = (over: Partial<Parameters<typeof signUpGate>[1] & object> = {}) => ({
    residencies: [] as { communityId: string }[],
    roles: [] as { communityId: string }[],
    residencyRequests: [] as { communityId: string; status: string }[],
    ...over,
  })

  it('asks a visitor to log in, a newcomer to verify, and waits with one whose request is pending', () => {
    expect(signUpGate(meeting, null, NOW)).toBe('login')
    expect(signUpGate(meeting, person(), NOW)).toBe('verify')
    // Verified in another community only: still 去认证 here.
    expect(
      signUpGate(meeting, person({ residencies: [{ communityId: 'cm-fengqiao' }] }), NOW),
    ).toBe('verify')
    expect(
      signUpGate(
        meeting,
        person({ residencyRequests: [{ communityId: 'cm-huaishu', status: 'pending' }] }),
        NOW,
      ),
    ).toBe('pending')
  })

  it('tells staff who are not residents why, and lets a resident (staff or not) sign up', () => {
    expect(signUpGate(meeting, person({ roles: [{ communityId: 'cm-huaishu' }] }), NOW)).toBe(
      'staff',
    )
    expect(
      signUpGate(
        meeting,
        person({
          roles: [{ communityId: 'cm-huaishu' }],
          residencies: [{ communityId: 'cm-huaishu' }],
        }),
        NOW,
      ),
    ).toBe('sign_up')
  })

  it('shows nothing to sign up for once a meeting has begun or ended, even to a visitor', () => {
    expect(signUpGate({ ...meeting, startsAt: NOW - HOUR }, null, NOW)).toBe('none')
    expect(signUpGate({ ...meeting, startsAt: NOW - 30 * 24 * HOUR }, person(), NOW)).toBe('none')
    expect(signUpGate({ ...meeting, status: 'cancelled' }, null, NOW)).toBe('none')
    // Someone already signed up keeps their card (check-in, cancel) whatever the gate says.
    expect(signUpGate({ ...meeting, startsAt: NOW - HOUR, my: my({}) }, person(), NOW)).toBe(
      'sign_up',
    )
  })
})
