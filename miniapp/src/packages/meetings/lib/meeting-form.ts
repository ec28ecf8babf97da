// The create / edit form of a meeting: what the organiser fills in, checked before sending,
// and turned into the API's body. Pure (tested in node); the page only binds it to inputs.
import type {
  AgendaItemInput,
  MeetingDetail,
  MeetingInput,
  MeetingType,
} from '@/packages/meetings/api'
import { addDays, atShanghai, clock, shanghaiDate } from './time'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export type AgendaDraft = {
  /** Stable key for the list (existing items use their id). */
  key: string
  id?: string
  title: string
  description: string
  link: { kind: 'suggestion' | 'convention'; id: string; title: string } | null
}

export type MeetingDraft = {
  type: MeetingType
  title: string
  description: string
  date: string
  start: string
  end: string
  place: 'room' | 'address'
  roomId: string | null
  address: string
  capacity: string
  /** null: sign-up opens when the meeting is saved (a new meeting); else the saved instant. */
  signupOpensAt: number | null
  /** Sign-up closes this many minutes before the start. */
  closesBeforeMinutes: number
  audience: 'residents' | 'invited'
  agenda: AgendaDraft[]
}

export const CLOSES_BEFORE_CHOICES = [
  { minutes: 0, label: '开会时截止' },
  { minutes: 120, label: '会前 2 小时' },
  { minutes: 24 * 60, label: '会前 1 天' },
]

/** The choices of the sign-up deadline, with a saved value that is none of them kept as its own. */
export function closesBeforeChoices(current: number): { minutes: number; label: string }[] {
  if (CLOSES_BEFORE_CHOICES.some((c) => c.minutes === current)) return CLOSES_BEFORE_CHOICES
  const hours = Math.round((current / 60) * 10) / 10
  return [...CLOSES_BEFORE_CHOICES, { minutes: current, label: `会前 ${hours} 小时` }]
}

/** A new meeting: a week from today, 19:00–21:00 (evenings suit working residents), 30 seats. */
export function emptyDraft(now: number): MeetingDraft {
  return {
    type: 'council',
    title: '',
    description: '',
    date: addDays(shanghaiDate(now), 7),
    start: '19:00',
    end: '21:00',
    place: 'room',
    roomId: null,
    address: '',
    capacity: '30',
    signupOpensAt: null,
    closesBeforeMinutes: 120,
    audience: 'residents',
    agenda: [],
  }
}

export function draftFromMeeting(m: MeetingDetail): MeetingDraft {
  return {
    type: m.type,
    title: m.title,
    description: m.description,
    date: shanghaiDate(m.startsAt),
    start: clock(m.startsAt),
    end: clock(m.endsAt),
    place: m.roomId ? 'room' : 'address',
    roomId: m.roomId,
    address: m.roomId ? '' : m.place,
    capacity: String(m.capacity),
    signupOpensAt: m.signupOpensAt,
    closesBeforeMinutes: Math.max(0, Math.round((m.startsAt - m.signupClosesAt) / MINUTE)),
    audience: m.audience,
    agenda: m.agenda.map((i) => ({
      key: i.id,
      id: i.id,
      title: i.title,
      description: i.description,
      link: i.suggestion
        ? { kind: 'suggestion', id: i.suggestion.id, title: i.suggestion.title }
        : i.convention
          ? { kind: 'convention', id: i.convention.id, title: i.convention.title }
          : null,
    })),
  }
}

export function meetingTimes(d: Pick<MeetingDraft, 'date' | 'start' | 'end'>): {
  startsAt: number
  endsAt: number
} {
  return { startsAt: atShanghai(d.date, d.start), endsAt: atShanghai(d.date, d.end) }
}

/** The part of the form a problem belongs to: its message is shown under that card's fields. */
export type MeetingField = 'title' | 'time' | 'place' | 'capacity' | 'signup' | 'agenda'

/** The first thing to fix and where it is, in words for the organiser; null when the form can be sent. */
export function draftProblemAt(
  d: MeetingDraft,
  now: number,
  roomCapacity: number | null,
): { field: MeetingField; message: string } | null {
  const at = (field: MeetingField, message: string) => ({ field, message })
  if (d.title.trim().length < 2) return at('title', '请填写会议名称（至少 2 个字）')
  const { startsAt, endsAt } = meetingTimes(d)
  if (!Number.isFinite(startsAt) || !Number.isFinite(endsAt))
    return at('time', '请选择会议日期和时间')
  if (endsAt <= startsAt) return at('time', '结束时间应晚于开始时间')
  if (endsAt - startsAt > 12 * HOUR) return at('time', '一次会议最长 12 小时')
  if (startsAt <= now) return at('time', '会议开始时间已过，请重新选择')
  if (d.place === 'room' && !d.roomId) return at('place', '请选择邻里中心的房间，或改填其他地点')
  if (d.place === 'address' && d.address.trim() === '') return at('place', '请填写会议地点')
  const capacity = Number(d.capacity)
  if (!Number.isInteger(capacity) || capacity < 1) return at('capacity', '请填写名额（至少 1 人）')
  if (capacity > 1000) return at('capacity', '名额不能超过 1000 人')
  if (d.place === 'room' && roomCapacity !== null && capacity > roomCapacity)
    return at('capacity', `名额超过房间容量（${roomCapacity} 人）`)
  const closes = startsAt - d.closesBeforeMinutes * MINUTE
  const opens = d.signupOpensAt ?? now
  if (closes <= opens) return at('signup', '报名截止时间应晚于报名开始时间，请选晚一些的截止时间')
  if (d.agenda.length === 0) return at('agenda', '请至少列出一个议题')
  const untitled = d.agenda.findIndex((i) => i.title.trim() === '')
  if (untitled >= 0) return at('agenda', `请填写第 ${untitled + 1} 个议题的标题`)
  return null
}

/** The first thing to fix, in words for the organiser; null when the form can be sent. */
export function draftProblem(
  d: MeetingDraft,
  now: number,
  roomCapacity: number | null,
): string | null {
  return draftProblemAt(d, now, roomCapacity)?.message ?? null
}

/** The API body; call after `draftProblem` returned null. */
export function toMeetingBody(d: MeetingDraft, now: number): MeetingInput {
  const { startsAt, endsAt } = meetingTimes(d)
  const agenda: AgendaItemInput[] = d.agenda.map((i) => ({
    ...(i.id ? { id: i.id } : {}),
    title: i.title.trim(),
    description: i.description.trim(),
    ...(i.link?.kind === 'suggestion' ? { suggestionId: i.link.id } : {}),
    ...(i.link?.kind === 'convention' ? { conventionId: i.link.id } : {}),
  }))
  return {
    type: d.type,
    title: d.title.trim(),
    description: d.description.trim(),
    startsAt,
    endsAt,
    ...(d.place === 'room' && d.roomId ? { roomId: d.roomId } : { address: d.address.trim() }),
    capacity: Number(d.capacity),
    // "Now" a minute back, so that a slow request still finds sign-up open when it arrives.
    signupOpensAt: d.signupOpensAt ?? now - MINUTE,
    signupClosesAt: startsAt - d.closesBeforeMinutes * MINUTE,
    audience: d.audience,
    agenda,
  }
}

let agendaKeys = 0

/** A new agenda item, optionally linked (a suggestion's title becomes the item's title). */
export function newAgendaItem(link: AgendaDraft['link'] = null): AgendaDraft {
  return { key: `new-${++agendaKeys}`, title: link?.title ?? '', description: '', link }
}

/** Whether a suggestion or convention is already on the agenda (its chip is then hidden). */
export function isLinked(
  agenda: AgendaDraft[],
  kind: 'suggestion' | 'convention',
  id: string,
): boolean {
  return agenda.some((i) => i.link?.kind === kind && i.link.id === id)
}
