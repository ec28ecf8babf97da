// Which inbox notices may also go out as a WeChat subscribe message (订阅消息), grouped into the
// few topics a resident is asked about. A topic is one WeChat template; which template, and which
// of its fields shows what, is configuration (template-config.ts), not code. A kind missing here
// stays in the inbox only (e.g. the register's follower news). Decision 014.

export const TOPICS = ['suggestion', 'meeting', 'booking', 'vote', 'residency'] as const
export type Topic = (typeof TOPICS)[number]

/** What 消息设置 calls each topic, and what it covers, in the resident's words. */
export const TOPIC_LABELS: Record<Topic, { name: string; covers: string }> = {
  suggestion: { name: '金点子进展', covers: '我提交或附议的金点子有答复、进展、完成或议事会决议' },
  meeting: { name: '会议通知', covers: '我报名的会议有变动、取消、即将召开、候补转正或纪要公布' },
  booking: { name: '预约结果', covers: '我在邻里中心的预约获批、未获批或被取消' },
  vote: { name: '表决提醒', covers: '我可以参加的微规约表决即将截止' },
  residency: { name: '认证结果', covers: '我的居民认证通过或未通过，有人用邀请码加入我家' },
}

/**
 * Each notice kind that has a topic, with its state in at most five Chinese characters (WeChat's
 * `phrase` field: "5个以内纯汉字").
 */
const KINDS: Record<string, { topic: Topic; phrase: string }> = {
  'suggestion.published': { topic: 'suggestion', phrase: '已公开' },
  'suggestion.accepted': { topic: 'suggestion', phrase: '已受理' },
  'suggestion.adopted': { topic: 'suggestion', phrase: '已采纳' },
  'suggestion.not_adopted': { topic: 'suggestion', phrase: '不采纳' },
  'suggestion.merged': { topic: 'suggestion', phrase: '已合并' },
  'suggestion.closed_unfixed': { topic: 'suggestion', phrase: '已关闭' },
  'suggestion.in_progress': { topic: 'suggestion', phrase: '实施中' },
  'suggestion.completed': { topic: 'suggestion', phrase: '已完成' },
  'suggestion.reopened': { topic: 'suggestion', phrase: '重新处理' },
  'meeting.resolution': { topic: 'suggestion', phrase: '有决议' },
  'meeting.promoted': { topic: 'meeting', phrase: '候补转正' },
  'meeting.changed': { topic: 'meeting', phrase: '时间有变' },
  'meeting.cancelled': { topic: 'meeting', phrase: '已取消' },
  'meeting.reminder': { topic: 'meeting', phrase: '即将召开' },
  'meeting.invited': { topic: 'meeting', phrase: '邀请参加' },
  'meeting.minutes': { topic: 'meeting', phrase: '纪要公布' },
  'booking.approved': { topic: 'booking', phrase: '已批准' },
  'booking.rejected': { topic: 'booking', phrase: '未获批准' },
  'booking.cancelled_by_blackout': { topic: 'booking', phrase: '已取消' },
  'convention.closing': { topic: 'vote', phrase: '即将截止' },
  'residency.approved': { topic: 'residency', phrase: '已通过' },
  'residency.rejected': { topic: 'residency', phrase: '未通过' },
  'residency.invite_claimed': { topic: 'residency', phrase: '新成员' },
}

/** The topic a notice of this kind goes out under, or null (inbox only). */
export function topicOf(kind: string): Topic | null {
  return KINDS[kind]?.topic ?? null
}

/** The notice's state as a WeChat phrase; a kind without one (none today) says 新消息. */
export function phraseOf(kind: string): string {
  return KINDS[kind]?.phrase ?? '新消息'
}

export function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value)
}
