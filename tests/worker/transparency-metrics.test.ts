import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { env } from 'cloudflare:workers'
import { medianDays, rate } from '../../worker/transparency/metrics'
import { DAY, shanghaiMidnight } from '../../worker/lib/time'
import { seedDemo } from './helpers'
import { client, expectStatus, send } from './client'

// docs/metrics.md against a hand-made community: every expected value below is worked out by
// hand in the comments next to it, from the fixture's dates — not by the code under test.
//
// The clock is frozen at 2026-12-15 12:00 Shanghai; the window is 2026-01 … 2026-12.

/** UTC ms of a Shanghai wall-clock time, e.g. at('2026-11-03', 10). */
const at = (date: string, hour = 10) => shanghaiMidnight(date) + hour * 3600_000
const NOW = at('2026-12-15', 12)
const DUE = 15 * DAY // the fixture community answers within 15 days

type Case = {
  id: string
  category: string
  alley: string | null
  status: string
  created: string
  threshold?: string
  answered?: string
  adopted?: string
  hidden?: boolean
  ratings?: [user: string, stars: number, unresolved: boolean, date: string][]
}

// A: answered on time, completed, rated 5, 4, 2 in December.
// B: answered 3 days late, in progress.
// C: reached the threshold 11-21, due 12-06 10:00, never answered: overdue now (9 days).
// D: reached the threshold 12-11, due 12-26: not decided yet, in no response figure.
// E: answered without reaching the threshold (not adopted) after 3 days.
// F: adopted, completed, then rated 5 "未解决" (reopened) and 4 by someone else in July.
// G: hidden — counts nowhere, not even its rating of 1.
// H: merged into another — counts nowhere.
// I: awaiting moderation — counts nowhere.
// J: all in 2025 except one rating of 3 on 2026-01-02, which falls in the window.
// K: adopted, then closed without fixing.
const CASES: Case[] = [
  {
    id: 'fx-a',
    category: 'lighting',
    alley: 'al-fx-1',
    status: 'completed',
    created: '2026-11-01',
    threshold: '2026-11-03',
    answered: '2026-11-10',
    adopted: '2026-11-10',
    ratings: [
      ['us-resident-wang', 5, false, '2026-12-01'],
      ['us-resident-li', 4, false, '2026-12-02'],
      ['us-resident-zhang', 2, false, '2026-12-03'],
    ],
  },
  {
    id: 'fx-b',
    category: 'litter',
    alley: 'al-fx-1',
    status: 'in_progress',
    created: '2026-10-01',
    threshold: '2026-10-02',
    answered: '2026-10-20',
    adopted: '2026-10-20',
  },
  {
    id: 'fx-c',
    category: 'parking',
    alley: 'al-fx-2',
    status: 'published',
    created: '2026-11-20',
    threshold: '2026-11-21',
  },
  {
    id: 'fx-d',
    category: 'parking',
    alley: null,
    status: 'accepted',
    created: '2026-12-10',
    threshold: '2026-12-11',
  },
  {
    id: 'fx-e',
    category: 'lighting',
    alley: 'al-fx-2',
    status: 'not_adopted',
    created: '2026-03-05',
    answered: '2026-03-08',
  },
  {
    id: 'fx-f',
    category: 'lighting',
    alley: 'al-fx-2',
    status: 'reopened',
    created: '2026-06-01',
    answered: '2026-06-11',
    adopted: '2026-06-11',
    ratings: [
      ['us-resident-wang', 5, true, '2026-07-01'],
      ['us-resident-li', 4, false, '2026-07-01'],
    ],
  },
  {
    id: 'fx-g',
    category: 'litter',
    alley: 'al-fx-1',
    status: 'completed',
    created: '2026-05-01',
    threshold: '2026-05-02',
    answered: '2026-05-20',
    adopted: '2026-05-20',
    hidden: true,
    ratings: [['us-resident-wang', 1, false, '2026-06-01']],
  },
  {
    id: 'fx-h',
    category: 'litter',
    alley: 'al-fx-1',
    status: 'merged',
    created: '2026-04-01',
    answered: '2026-04-02',
  },
  { id: 'fx-i', category: 'litter', alley: 'al-fx-1', status: 'submitted', created: '2026-12-01' },
  {
    id: 'fx-j',
    category: 'greening',
    alley: 'al-fx-1',
    status: 'completed',
    created: '2025-11-01',
    threshold: '2025-11-02',
    answered: '2025-11-05',
    adopted: '2025-11-05',
    ratings: [
      ['us-resident-wang', 5, false, '2025-12-20'],
      ['us-resident-li', 3, false, '2026-01-02'],
    ],
  },
  {
    id: 'fx-k',
    category: 'road_surface',
    alley: 'al-fx-1',
    status: 'closed_unfixed',
    created: '2026-08-01',
    answered: '2026-08-05',
    adopted: '2026-08-05',
  },
]

async function loadFixture() {
  const db = env.DB
  const statements = [
    `INSERT INTO streets (id, name, district, city) VALUES ('st-fx', '测试街道', '测试区', '杭州市')`,
    `INSERT INTO communities (id, street_id, name, created_at) VALUES ('cm-fx', 'st-fx', '样例社区', 0)`,
    `INSERT INTO compounds (id, community_id, name) VALUES ('cp-fx', 'cm-fx', '样例小区')`,
    `INSERT INTO buildings (id, compound_id, community_id, name) VALUES ('bd-fx', 'cp-fx', 'cm-fx', '1号楼')`,
    `INSERT INTO households (id, building_id, community_id, unit, room, floor_area_dm2) VALUES ('hh-fx', 'bd-fx', 'cm-fx', '1', '101', 8000)`,
    `INSERT INTO alleys (id, community_id, name, sort_order) VALUES ('al-fx-1', 'cm-fx', '东巷', 0), ('al-fx-2', 'cm-fx', '西巷', 1)`,
    `INSERT INTO suggestion_settings (community_id, response_threshold_households, answer_deadline_days, updated_at) VALUES ('cm-fx', 10, 15, 0)`,
  ].map((s) => db.prepare(s))
  for (const c of CASES) {
    const threshold = c.threshold ? at(c.threshold) : null
    const answered = c.answered ? at(c.answered) : null
    // As thresholdStatements() writes it: the deadline only when not answered before.
    const due =
      threshold !== null && (answered === null || answered > threshold) ? threshold + DUE : null
    statements.push(
      db
        .prepare(
          `INSERT INTO suggestions (id, community_id, author_user_id, author_household_id, author_building_label, show_name, title, description, category, alley_id, status, hidden_at, threshold_reached_at, answer_due_at, answered_at, search_text, created_at, updated_at)
           VALUES (?, 'cm-fx', 'us-resident-wang', 'hh-fx', '1号楼', 0, ?, '样例', ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
        )
        .bind(
          c.id,
          `样例 ${c.id}`,
          c.category,
          c.alley,
          c.status,
          c.hidden ? at('2026-12-01') : null,
          threshold,
          due,
          answered,
          at(c.created),
          at(c.created),
        ),
    )
    if (c.adopted)
      statements.push(
        db
          .prepare(
            `INSERT INTO suggestion_events (id, suggestion_id, kind, actor_role, from_status, to_status, created_at) VALUES (?, ?, 'adopted', 'staff', 'published', 'adopted', ?)`,
          )
          .bind(`${c.id}-adopted`, c.id, at(c.adopted)),
      )
    for (const [user, stars, unresolved, date] of c.ratings ?? [])
      statements.push(
        db
          .prepare(
            `INSERT INTO suggestion_ratings (suggestion_id, user_id, round, stars, unresolved, created_at) VALUES (?, ?, 1, ?, ?, ?)`,
          )
          .bind(c.id, user, stars, unresolved ? 1 : 0, at(date)),
      )
  }
  await db.batch(statements)
}

beforeAll(async () => {
  await seedDemo()
  await loadFixture()
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
})
afterAll(() => {
  vi.useRealTimers()
})

const r = (numerator: number, denominator: number, percent: string | null) => ({
  numerator,
  denominator,
  percent,
})
const none = r(0, 0, null)

async function figures() {
  return expectStatus(
    await send(client().communities[':id'].figures.$get({ param: { id: 'cm-fx' } })),
    200,
  ).body
}

describe('docs/metrics.md on a hand-made community', () => {
  it('computes the headline figures of the 12-month window', async () => {
    const f = await figures()
    expect(f.window).toEqual({
      fromMonth: '2026-01',
      toMonth: '2026-12',
      fromMs: shanghaiMidnight('2026-01-01'),
      toMs: NOW,
    })
    expect(f.headline).toEqual({
      // A B C D E F K were received in the window (J in 2025; G hidden, H merged, I unpublished).
      received: 7,
      // Reached the threshold in the window and decided: A (on time), B (3 days late), C (past
      // its deadline, no answer). D is not due until 12-26. → 1 / 3 = 33.3 %
      response: r(1, 3, '33.3'),
      // First adopted in the window: A (completed), B (in progress), F (reopened), K (closed
      // unfixed). → 1 / 4 = 25.0 %
      resolution: r(1, 4, '25.0'),
      // Ratings in the window: A 5 4 2, F 5(未解决) 4, J 3. ≥ 4 without 未解决: A5 A4 F4.
      // → 3 / 6 = 50.0 %
      satisfaction: r(3, 6, '50.0'),
      // Answered in the window, days from submission: E 3, K 4, A 9, F 10, B 19 → median 9.0
      medianDaysToAnswer: { days: '9.0', count: 5 },
      // C only.
      overdueNow: 1,
    })
  })

  it('lists the overdue 金点子 with how long they are overdue', async () => {
    const f = await figures()
    expect(f.overdue).toEqual({
      count: 1,
      // Due 12-06 10:00, now 12-15 12:00: 9 days and 2 hours → 9 whole days.
      items: [
        {
          id: 'fx-c',
          title: '样例 fx-c',
          categoryLabel: '车辆乱停',
          alleyName: '西巷',
          dueAt: at('2026-12-06'),
          daysOverdue: 9,
        },
      ],
    })
  })

  it('places each figure in the month of its own event', async () => {
    const f = await figures()
    expect(f.monthly.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ])
    const month = (m: string) => f.monthly.find((x) => x.month === m)!
    // January: only J's rating of 3 → 0 / 1.
    expect(month('2026-01')).toEqual({
      month: '2026-01',
      received: 0,
      response: none,
      resolution: none,
      satisfaction: r(0, 1, '0.0'),
      medianDaysToAnswer: { days: null, count: 0 },
    })
    // June: F received and adopted (not completed now); answered after 10 days.
    expect(month('2026-06')).toEqual({
      month: '2026-06',
      received: 1,
      response: none,
      resolution: r(0, 1, '0.0'),
      satisfaction: none,
      medianDaysToAnswer: { days: '10.0', count: 1 },
    })
    // July: F's two ratings, one satisfied.
    expect(month('2026-07').satisfaction).toEqual(r(1, 2, '50.0'))
    // November: A and C received; A on time, C overdue; A adopted and completed; A answered in 9 days.
    expect(month('2026-11')).toEqual({
      month: '2026-11',
      received: 2,
      response: r(1, 2, '50.0'),
      resolution: r(1, 1, '100.0'),
      satisfaction: none,
      medianDaysToAnswer: { days: '9.0', count: 1 },
    })
    // December: D received (not due yet); A's three ratings, two satisfied → 66.7 %.
    expect(month('2026-12')).toEqual({
      month: '2026-12',
      received: 1,
      response: none,
      resolution: none,
      satisfaction: r(2, 3, '66.7'),
      medianDaysToAnswer: { days: null, count: 0 },
    })
  })

  it('breaks the window down by category (only those with something to count)', async () => {
    const f = await figures()
    expect(f.byCategory).toEqual([
      // B: late; adopted, not completed; answered in 19 days.
      {
        key: 'litter',
        label: '垃圾乱丢',
        received: 1,
        response: r(0, 1, '0.0'),
        resolution: r(0, 1, '0.0'),
        satisfaction: none,
        medianDaysToAnswer: { days: '19.0', count: 1 },
      },
      // C (overdue) and D (not due).
      {
        key: 'parking',
        label: '车辆乱停',
        received: 2,
        response: r(0, 1, '0.0'),
        resolution: none,
        satisfaction: none,
        medianDaysToAnswer: { days: null, count: 0 },
      },
      // J: only its January rating.
      {
        key: 'greening',
        label: '绿化',
        received: 0,
        response: none,
        resolution: none,
        satisfaction: r(0, 1, '0.0'),
        medianDaysToAnswer: { days: null, count: 0 },
      },
      // A E F: A on time; A completed, F reopened; A 2 of 3, F 1 of 2; answered in 9, 3, 10 days.
      {
        key: 'lighting',
        label: '照明',
        received: 3,
        response: r(1, 1, '100.0'),
        resolution: r(1, 2, '50.0'),
        satisfaction: r(3, 5, '60.0'),
        medianDaysToAnswer: { days: '9.0', count: 3 },
      },
      // K: adopted then closed unfixed, answered in 4 days.
      {
        key: 'road_surface',
        label: '路面',
        received: 1,
        response: none,
        resolution: r(0, 1, '0.0'),
        satisfaction: none,
        medianDaysToAnswer: { days: '4.0', count: 1 },
      },
    ])
  })

  it('breaks the window down by back alley, every alley listed', async () => {
    const f = await figures()
    expect(f.byAlley).toEqual([
      // 东巷: A B K (+J's rating). Response A✓ B✗; resolution A✓ B✗ K✗; ratings A 2/3, J 0/1;
      // answered in 9, 19, 4 days → 9.0.
      {
        key: 'al-fx-1',
        label: '东巷',
        received: 3,
        response: r(1, 2, '50.0'),
        resolution: r(1, 3, '33.3'),
        satisfaction: r(2, 4, '50.0'),
        medianDaysToAnswer: { days: '9.0', count: 3 },
      },
      // 西巷: C E F. Response C✗; resolution F✗; ratings F 1/2; answered in 3 and 10 days → 6.5.
      {
        key: 'al-fx-2',
        label: '西巷',
        received: 3,
        response: r(0, 1, '0.0'),
        resolution: r(0, 1, '0.0'),
        satisfaction: r(1, 2, '50.0'),
        medianDaysToAnswer: { days: '6.5', count: 2 },
      },
      // D names no alley.
      {
        key: 'none',
        label: '未指明小巷',
        received: 1,
        response: none,
        resolution: none,
        satisfaction: none,
        medianDaysToAnswer: { days: null, count: 0 },
      },
    ])
  })

  it('states how fresh the figures are', async () => {
    const f = await figures()
    expect(f.freshnessMinutes).toBe(5)
    expect(f.computedAt).toBeLessThanOrEqual(NOW)
    expect(NOW - f.computedAt).toBeLessThanOrEqual(5 * 60_000)
    expect(f.community).toEqual({
      id: 'cm-fx',
      name: '样例社区',
      streetId: 'st-fx',
      streetName: '测试街道',
    })
    expect(f.settings).toEqual({ responseThresholdHouseholds: 10, answerDeadlineDays: 15 })
  })
})

describe('rounding', () => {
  it('rounds a share half up to one decimal, on integers', () => {
    expect(rate(1, 3).percent).toBe('33.3')
    expect(rate(2, 3).percent).toBe('66.7')
    // 1/16 = 6.25 % → 6.3 (half up); 1/8 = 12.5 % exactly.
    expect(rate(1, 16).percent).toBe('6.3')
    expect(rate(1, 8).percent).toBe('12.5')
    expect(rate(7, 7).percent).toBe('100.0')
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null })
  })

  it('takes the mean of the two middle durations when their number is even', () => {
    // 1 day and 2 days → 1.5; 1 h and 2 h → 0.0625 days → 0.1.
    expect(medianDays([DAY, 2 * DAY])).toEqual({ days: '1.5', count: 2 })
    expect(medianDays([3600_000, 7200_000])).toEqual({ days: '0.1', count: 2 })
    expect(medianDays([5 * DAY, DAY, 3 * DAY])).toEqual({ days: '3.0', count: 3 })
    expect(medianDays([])).toEqual({ days: null, count: 0 })
  })
})
