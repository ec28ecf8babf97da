// Demo meetings: a 评议会 held a week after the street lights were finished (minutes, a
// resolution, residents' ratings), and a 议事会 coming up next week with open sign-up — so that
// the 议事 tab, a suggestion's case file and the inbox show something real on `npm start`.
// The past one has fixed dates; the coming one is placed a week after the moment of seeding
// (no room: it books nothing, so it never collides with bookings made later).

type Row = Record<string, string | number | null>
type Insert = (table: string, row: Row) => string

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const SHANGHAI = 8 * HOUR

/** UTC ms of hh:00 Shanghai time, `days` after the Shanghai day containing `ms`. */
function shanghaiAt(ms: number, days: number, hour: number): number {
  const midnight = Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI
  return midnight + days * DAY + hour * HOUR
}

export function demoMeetingStatements(
  insert: Insert,
  seededAt: number,
  now = Date.now(),
): string[] {
  const out: string[] = []
  // 评议会, 2026-11-20 19:00–20:30 Shanghai.
  const reviewStart = shanghaiAt(seededAt, 19, 19)
  const review = 'mt-demo-review'
  out.push(
    insert('meetings', {
      id: review,
      community_id: 'cm-huaishu',
      type: 'evaluation',
      title: '青石巷路灯工程评议会',
      description:
        '路灯装好一个多星期了，请附近居民来说说效果：够不够亮、位置合不合适、还有哪里需要改进。',
      starts_at: reviewStart,
      ends_at: reviewStart + 90 * MINUTE,
      room_id: null,
      booking_id: null,
      address: '槐树社区居委会二楼会议室',
      capacity: 20,
      signup_opens_at: reviewStart - 7 * DAY,
      signup_closes_at: reviewStart - 2 * HOUR,
      audience: 'residents',
      status: 'published',
      checkin_code: '207316',
      cancel_reason: null,
      minutes:
        '到会居民 9 人，街巷规划师周工介绍了施工情况。居民一致认为路灯明显改善了夜间通行；有两位居民提出 12 号门口的灯偏向院内，影响休息，规划师当场答应调整灯头角度。评议结果：满意。',
      minutes_published_at: reviewStart + 2 * DAY,
      created_by: 'us-committee-wu',
      published_at: reviewStart - 7 * DAY,
      created_at: reviewStart - 8 * DAY,
      updated_at: reviewStart + 2 * DAY,
    }),
  )
  out.push(
    insert('meeting_agenda_items', {
      id: 'mi-demo-review-1',
      meeting_id: review,
      position: 1,
      title: '青石巷中段加装路灯',
      description: '工程是否达到预期，居民打分评议',
      suggestion_id: 'sg-demo-lights',
      convention_id: null,
    }),
  )
  out.push(
    insert('meeting_resolutions', {
      item_id: 'mi-demo-review-1',
      meeting_id: review,
      decision: '评议满意，工程验收通过；12 号门口路灯调整灯头角度，避免照进住户。',
      votes_for: 8,
      votes_against: 0,
      votes_abstain: 1,
      owner: '街巷规划师 周工',
      due_date: '2026-11-30',
      suggestion_move: 'none',
      created_by: 'us-committee-wu',
      created_at: reviewStart + 2 * DAY,
    }),
  )
  out.push(
    insert('suggestion_events', {
      id: 'sg-demo-lights-ev-review',
      suggestion_id: 'sg-demo-lights',
      kind: 'meeting_resolution',
      actor_user_id: 'us-committee-wu',
      actor_role: 'committee',
      from_status: null,
      to_status: null,
      created_at: reviewStart + 2 * DAY,
      body: '2026-11-20 评议会“青石巷路灯工程评议会”决议：评议满意，工程验收通过；12 号门口路灯调整灯头角度，避免照进住户。（赞成 8，反对 0，弃权 1）；责任人：街巷规划师 周工；完成期限：2026-11-30',
    }),
  )
  ;['resident-wang', 'resident-li', 'resident-zhang'].forEach((key, i) => {
    out.push(
      insert('meeting_registrations', {
        id: `mr-demo-review-${i + 1}`,
        meeting_id: review,
        user_id: `us-${key}`,
        seq: i + 1,
        status: 'confirmed',
        promotion_id: null,
        promoted_at: null,
        cancelled_at: null,
        checked_in_at: reviewStart - 5 * MINUTE + i * MINUTE,
        created_at: reviewStart - 6 * DAY + i * HOUR,
      }),
    )
  })

  // 议事会 a week after seeding, 19:00–21:00; sign-up open now.
  const councilStart = shanghaiAt(now, 7, 19)
  const council = 'mt-demo-council'
  out.push(
    insert('meetings', {
      id: council,
      community_id: 'cm-huaishu',
      type: 'council',
      title: '槐树社区十二月居民议事会',
      description:
        '本月议题：槐树弄飞线整治、后河沿步道休息长椅。欢迎居民报名旁听并申请发言，每位发言不超过 3 分钟。',
      starts_at: councilStart,
      ends_at: councilStart + 2 * HOUR,
      room_id: null,
      booking_id: null,
      address: '槐树社区居委会二楼会议室',
      capacity: 12,
      signup_opens_at: now - DAY,
      signup_closes_at: councilStart - 2 * HOUR,
      audience: 'residents',
      status: 'published',
      checkin_code: '583902',
      cancel_reason: null,
      minutes: null,
      minutes_published_at: null,
      created_by: 'us-committee-wu',
      published_at: now - DAY,
      created_at: now - 2 * DAY,
      updated_at: now - DAY,
    }),
  )
  out.push(
    insert('meeting_agenda_items', {
      id: 'mi-demo-council-1',
      meeting_id: council,
      position: 1,
      title: '槐树弄飞线整治',
      description: '电力、通信单位和居民代表一起商量整理入管的办法和时间',
      suggestion_id: 'sg-demo-cables',
      convention_id: null,
    }),
  )
  out.push(
    insert('meeting_agenda_items', {
      id: 'mi-demo-council-2',
      meeting_id: council,
      position: 2,
      title: '后河沿步道休息长椅',
      description: '长椅放在哪里、由谁维护',
      suggestion_id: 'sg-demo-bench',
      convention_id: null,
    }),
  )
  out.push(
    insert('meeting_registrations', {
      id: 'mr-demo-council-1',
      meeting_id: council,
      user_id: 'us-resident-li',
      seq: 1,
      status: 'confirmed',
      promotion_id: null,
      promoted_at: null,
      cancelled_at: null,
      checked_in_at: null,
      created_at: now - 20 * HOUR,
    }),
  )
  return out
}
