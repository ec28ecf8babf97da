import { and, eq, inArray } from 'drizzle-orm'
import {
  answerTemplates,
  blackouts,
  buildingGroups,
  bookings,
  buildings,
  centres,
  communities,
  compounds,
  conventions,
  conventionVersions,
  grids,
  groups,
  meetingAgendaItems,
  meetings,
  owners,
  residencies,
  residencyRequests,
  rooms,
  suggestionComments,
  suggestionFlags,
  suggestions,
  users,
} from '../../db/schema'
import {
  AUDIT_ACTIONS,
  AUDIT_FIELD_LABELS_BY_ACTION,
  AUDIT_FIELDS,
  AUDIT_TARGETS,
  type AuditAction,
  type AuditField,
  type AuditFieldKind,
  type AuditTargetType,
} from '../lib/audit-labels'
import type { Db } from '../lib/env'
import { shanghaiDate, shanghaiSpoken } from '../lib/time'
import { householdsByIds, toHousehold } from '../identity/households'
import { ROLE_NAMES } from '../identity/me-service'
import { GRID_ROLE_NAMES } from '../identity/grid-roles-service'
import { STATUS_LABELS as BOOKING_STATUS } from '../bookings/public'
import { STATUS_LABELS as CONVENTION_STATUS } from '../conventions/public'
import { meetingLink, TYPE_LABELS as MEETING_TYPES } from '../meetings/public'
import { STATUS_LABELS as SUGGESTION_STATUS } from '../suggestions/public'

// The 操作记录 in words (issue 17): an entry's action, its object by name with the page it opens
// on, and each changed field as "label: before → after" with times, people, rooms and statuses
// written out. Names are read for a whole page of entries at once, one query per kind of object.

export type RawAuditRow = {
  action: string
  targetType: string
  targetId: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export type AuditChange = {
  field: string
  label: string
  before: string | null
  after: string | null
}

export type Presented = {
  actionLabel: string
  targetTypeLabel: string
  targetName: string | null
  targetLink: string | null
  changes: AuditChange[]
}

// ---- words for values the worker names nowhere else ------------------------------------------

const RESIDENCY_STATUS: Record<string, string> = { verified: '已认证', revoked: '已撤销' }
const REQUEST_STATUS: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
}
const STATUS_BY_TARGET: Partial<Record<AuditTargetType, Record<string, string>>> = {
  suggestion: SUGGESTION_STATUS,
  convention: CONVENTION_STATUS,
  booking: BOOKING_STATUS,
  residency: RESIDENCY_STATUS,
  residency_request: REQUEST_STATUS,
}
const KIND_BY_TARGET: Partial<Record<AuditTargetType, Record<string, string>>> = {
  answer_template: {
    adopt: '采纳',
    not_adopt: '不采纳',
    merge: '合并',
    close: '关闭',
    progress: '办理进展',
    hide: '隐藏',
  },
  group: { autonomy: '自治组织', volunteer: '志愿组织', recreation: '自乐组织' },
}
const VIEWS: Record<string, string> = {
  roles: '角色分配',
  residency_requests: '认证申请',
  owners: '业主名册',
  grid_residents: '楼组/网格的住户和居民',
  grid_candidates: '可任命为网格员或楼组长的居民',
  acting_residents: '可代办的居民',
}
const MOVES: Record<string, string> = {
  none: '不改变建议状态',
  accept: '受理',
  adopt: '采纳',
  not_adopt: '不予采纳',
  complete: '已办结',
  close_unfixed: '关闭（未能解决）',
}
const RULES: Record<string, string> = {
  simple: '一人一票',
  household: '一户一票',
  civil_code_ordinary: '民法典一般事项（业主双三分之二参与、双过半）',
  civil_code_major: '民法典重大事项（业主双三分之二参与、双四分之三）',
}
const WHO_MAY_BOOK: Record<string, string> = {
  residents: '认证居民',
  groups: '登记的团队',
  staff: '仅工作人员',
}
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** "2026年12月7日（周一）09:00": the year too, since the log goes back further than notices. */
function readableTime(ms: number): string {
  return `${shanghaiDate(ms).slice(0, 4)}年${shanghaiSpoken(ms)}`
}

/** "2026-12-07" → "2026年12月7日" */
function readableDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)

// ---- names of objects and of ids in values -----------------------------------------------------

type Names = {
  users: Map<string, string>
  households: Map<string, string>
  residencies: Map<string, string>
  rooms: Map<string, string>
  agendaItems: Map<string, string>
  conventions: Map<string, string>
  targets: Map<string, { name: string; link: string | null }>
}

const key = (type: string, id: string) => `${type}:${id}`
const SUGGESTION_PAGE = '/packages/suggestions/pages/detail/index'
const CONVENTION_PAGE = '/packages/conventions/pages/detail/index'
const ROOM_PAGE = '/packages/bookings/pages/room/index'

function fieldKind(field: string): AuditFieldKind | null {
  return field in AUDIT_FIELDS ? AUDIT_FIELDS[field as AuditField].kind : null
}

/** The ids a page of entries mentions, by what they are. */
function collectIds(rows: RawAuditRow[]) {
  const ids = {
    users: new Set<string>(),
    households: new Set<string>(),
    residencies: new Set<string>(),
    rooms: new Set<string>(),
    agendaItems: new Set<string>(),
    conventions: new Set<string>(),
  }
  const targets = new Map<string, Set<string>>()
  for (const row of rows) {
    const ofType = targets.get(row.targetType) ?? new Set<string>()
    ofType.add(row.targetId)
    targets.set(row.targetType, ofType)
    for (const values of [row.before, row.after]) {
      for (const [field, value] of Object.entries(values ?? {})) {
        const kind = fieldKind(field)
        const strings = (Array.isArray(value) ? value : [value]).filter(
          (v): v is string => typeof v === 'string',
        )
        if (kind === 'user' || kind === 'users') strings.forEach((v) => ids.users.add(v))
        if (kind === 'household' || kind === 'householdList')
          strings.forEach((v) => ids.households.add(v))
        if (kind === 'residency') strings.forEach((v) => ids.residencies.add(v))
        if (kind === 'room') strings.forEach((v) => ids.rooms.add(v))
        if (kind === 'agendaItem') strings.forEach((v) => ids.agendaItems.add(v))
        if (kind === 'convention') strings.forEach((v) => ids.conventions.add(v))
        if (kind === 'voter')
          for (const v of strings) {
            if (v.startsWith('h:')) ids.households.add(v.slice(2))
            if (v.startsWith('u:')) ids.users.add(v.slice(2))
          }
      }
    }
  }
  return { ids, targets }
}

const list = (set: Set<string> | undefined) => [...(set ?? [])]

async function loadNames(db: Db, rows: RawAuditRow[]): Promise<Names> {
  const { ids, targets: targetIds } = collectIds(rows)
  const of = (type: AuditTargetType) => list(targetIds.get(type))
  const some = <T>(idsOf: string[], load: (ids: string[]) => Promise<T[]>) =>
    idsOf.length ? load(idsOf) : Promise.resolve([] as T[])
  const householdIds = [...ids.households, ...of('household')]
  const userIds = [...ids.users, ...of('user')]

  const [
    userRows,
    householdRows,
    residencyRows,
    roomRows,
    itemRows,
    conventionRows,
    communityRows,
    buildingRows,
    suggestionRows,
    commentRows,
    flagRows,
    templateRows,
    meetingRows,
    centreRows,
    bookingRows,
    blackoutRows,
    groupRows,
    ownerRows,
    requestRows,
    gridRows,
    buildingGroupRows,
  ] = await Promise.all([
    some(userIds, (x) =>
      db.select({ id: users.id, name: users.nickname }).from(users).where(inArray(users.id, x)),
    ),
    householdsByIds(db, householdIds),
    some([...ids.residencies, ...of('residency')], (x) =>
      db
        .select({ id: residencies.id, householdId: residencies.householdId, name: users.nickname })
        .from(residencies)
        .innerJoin(users, eq(users.id, residencies.userId))
        .where(inArray(residencies.id, x)),
    ),
    some([...ids.rooms, ...of('room')], (x) =>
      db
        .select({ id: rooms.id, name: rooms.name, centre: centres.name })
        .from(rooms)
        .innerJoin(centres, eq(centres.id, rooms.centreId))
        .where(inArray(rooms.id, x)),
    ),
    some([...ids.agendaItems, ...of('meeting_resolution')], (x) =>
      db
        .select({
          id: meetingAgendaItems.id,
          name: meetingAgendaItems.title,
          meetingId: meetingAgendaItems.meetingId,
        })
        .from(meetingAgendaItems)
        .where(inArray(meetingAgendaItems.id, x)),
    ),
    some([...ids.conventions, ...of('convention')], (x) =>
      db
        .select({ id: conventions.id, name: conventionVersions.title })
        .from(conventions)
        .innerJoin(
          conventionVersions,
          and(
            eq(conventionVersions.conventionId, conventions.id),
            eq(conventionVersions.version, conventions.currentVersion),
          ),
        )
        .where(inArray(conventions.id, x)),
    ),
    some(of('community'), (x) =>
      db
        .select({ id: communities.id, name: communities.name })
        .from(communities)
        .where(inArray(communities.id, x)),
    ),
    some(of('building'), (x) =>
      db
        .select({ id: buildings.id, name: buildings.name, compound: compounds.name })
        .from(buildings)
        .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
        .where(inArray(buildings.id, x)),
    ),
    some(of('suggestion'), (x) =>
      db
        .select({ id: suggestions.id, name: suggestions.title })
        .from(suggestions)
        .where(inArray(suggestions.id, x)),
    ),
    some(of('suggestion_comment'), (x) =>
      db
        .select({
          id: suggestionComments.id,
          body: suggestionComments.body,
          suggestionId: suggestionComments.suggestionId,
          title: suggestions.title,
        })
        .from(suggestionComments)
        .innerJoin(suggestions, eq(suggestions.id, suggestionComments.suggestionId))
        .where(inArray(suggestionComments.id, x)),
    ),
    some(of('suggestion_flag'), (x) =>
      db
        .select({
          id: suggestionFlags.id,
          suggestionId: suggestionFlags.suggestionId,
          title: suggestions.title,
        })
        .from(suggestionFlags)
        .innerJoin(suggestions, eq(suggestions.id, suggestionFlags.suggestionId))
        .where(inArray(suggestionFlags.id, x)),
    ),
    some(of('answer_template'), (x) =>
      db
        .select({ id: answerTemplates.id, name: answerTemplates.title })
        .from(answerTemplates)
        .where(inArray(answerTemplates.id, x)),
    ),
    some(of('meeting'), (x) =>
      db
        .select({ id: meetings.id, name: meetings.title })
        .from(meetings)
        .where(inArray(meetings.id, x)),
    ),
    some(of('centre'), (x) =>
      db.select({ id: centres.id, name: centres.name }).from(centres).where(inArray(centres.id, x)),
    ),
    some(of('booking'), (x) =>
      db
        .select({
          id: bookings.id,
          roomId: bookings.roomId,
          room: rooms.name,
          startsAt: bookings.startsAt,
          purpose: bookings.purpose,
        })
        .from(bookings)
        .innerJoin(rooms, eq(rooms.id, bookings.roomId))
        .where(inArray(bookings.id, x)),
    ),
    some(of('blackout'), (x) =>
      db
        .select({ id: blackouts.id, startsAt: blackouts.startsAt, reason: blackouts.reason })
        .from(blackouts)
        .where(inArray(blackouts.id, x)),
    ),
    some(of('group'), (x) =>
      db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, x)),
    ),
    some(of('owner'), (x) =>
      db.select({ id: owners.id, name: owners.name }).from(owners).where(inArray(owners.id, x)),
    ),
    some(of('residency_request'), (x) =>
      db
        .select({
          id: residencyRequests.id,
          building: buildings.name,
          unit: residencyRequests.unit,
          room: residencyRequests.room,
        })
        .from(residencyRequests)
        .innerJoin(buildings, eq(buildings.id, residencyRequests.buildingId))
        .where(inArray(residencyRequests.id, x)),
    ),
    some(of('grid'), (x) =>
      db.select({ id: grids.id, name: grids.name }).from(grids).where(inArray(grids.id, x)),
    ),
    some(of('building_group'), (x) =>
      db
        .select({ id: buildingGroups.id, name: buildingGroups.name })
        .from(buildingGroups)
        .where(inArray(buildingGroups.id, x)),
    ),
  ])

  const households = new Map(
    [...householdRows].map(([id, row]) => [id, toHousehold(row).label] as const),
  )
  const targets = new Map<string, { name: string; link: string | null }>()
  const put = (type: AuditTargetType, id: string, name: string, link: string | null = null) =>
    targets.set(key(type, id), { name, link })
  for (const u of userRows) put('user', u.id, u.name)
  for (const id of of('household'))
    if (households.has(id)) put('household', id, households.get(id)!)
  for (const r of residencyRows)
    put('residency', r.id, `${r.name}（${households.get(r.householdId) ?? '住户'}）`)
  for (const r of roomRows) put('room', r.id, `${r.centre} ${r.name}`, `${ROOM_PAGE}?id=${r.id}`)
  for (const i of itemRows) put('meeting_resolution', i.id, i.name, meetingLink(i.meetingId))
  for (const c of conventionRows) put('convention', c.id, c.name, `${CONVENTION_PAGE}?id=${c.id}`)
  for (const c of communityRows) put('community', c.id, c.name)
  for (const b of buildingRows) put('building', b.id, `${b.compound} ${b.name}`)
  for (const s of suggestionRows) put('suggestion', s.id, s.name, `${SUGGESTION_PAGE}?id=${s.id}`)
  for (const c of commentRows)
    put(
      'suggestion_comment',
      c.id,
      `“${clip(c.body, 20)}”（${c.title}）`,
      `${SUGGESTION_PAGE}?id=${c.suggestionId}`,
    )
  for (const f of flagRows)
    put('suggestion_flag', f.id, f.title, `${SUGGESTION_PAGE}?id=${f.suggestionId}`)
  for (const t of templateRows) put('answer_template', t.id, t.name)
  for (const m of meetingRows) put('meeting', m.id, m.name, meetingLink(m.id))
  for (const c of centreRows) put('centre', c.id, c.name)
  for (const b of bookingRows)
    put(
      'booking',
      b.id,
      `${b.room} ${readableTime(b.startsAt)}（${b.purpose}）`,
      `${ROOM_PAGE}?id=${b.roomId}`,
    )
  for (const b of blackoutRows) put('blackout', b.id, `${readableTime(b.startsAt)}（${b.reason}）`)
  for (const g of groupRows) put('group', g.id, g.name)
  for (const o of ownerRows) put('owner', o.id, o.name)
  for (const r of requestRows)
    put('residency_request', r.id, `${r.building} ${r.unit}单元 ${r.room}室`)
  for (const g of gridRows) put('grid', g.id, g.name)
  for (const g of buildingGroupRows) put('building_group', g.id, g.name)

  return {
    users: new Map(userRows.map((u) => [u.id, u.name])),
    households,
    residencies: new Map(
      residencyRows.map((r) => [r.id, `${r.name}（${households.get(r.householdId) ?? '住户'}）`]),
    ),
    rooms: new Map(roomRows.map((r) => [r.id, `${r.centre} ${r.name}`])),
    agendaItems: new Map(itemRows.map((i) => [i.id, i.name])),
    conventions: new Map(conventionRows.map((c) => [c.id, c.name])),
    targets,
  }
}

// ---- one value in words -----------------------------------------------------------------------

function share(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null
  const { num, den } = value as { num?: unknown; den?: unknown }
  return typeof num === 'number' && typeof den === 'number' ? `${num}/${den}` : null
}

function openingHours(value: string): string {
  try {
    const days = JSON.parse(value) as Record<string, [string, string][]>
    const open = Object.entries(days)
      .filter(([, ranges]) => ranges.length > 0)
      .map(
        ([day, ranges]) =>
          `${WEEKDAYS[Number(day)] ?? day} ${ranges.map((r) => r.join('–')).join('、')}`,
      )
    return open.length ? open.join('；') : '不开放'
  } catch {
    return value
  }
}

function inWords(
  value: unknown,
  kind: AuditFieldKind,
  targetType: string,
  names: Names,
): string | null {
  if (value === null || value === undefined || value === '') return null
  const many = (ids: unknown, map: Map<string, string>, unit: string) => {
    const all = Array.isArray(ids) ? ids.filter((v): v is string => typeof v === 'string') : []
    const shown = all.slice(0, 5).map((id) => map.get(id) ?? '已删除')
    return `${all.length} ${unit}：${shown.join('、')}${all.length > 5 ? ' 等' : ''}`
  }
  switch (kind) {
    case 'hidden':
      return null
    case 'text':
      return clip(String(value), 200)
    case 'longText':
      return clip(String(value), 120)
    case 'number':
      return String(value)
    case 'minutes':
      return `${String(value)} 分钟`
    case 'days':
      return `${String(value)} 天`
    case 'households':
      return `${String(value)} 户`
    case 'bool':
      return value ? '是' : '否'
    case 'time':
      return typeof value === 'number' ? readableTime(value) : String(value)
    case 'date':
      return readableDate(String(value))
    case 'status':
      return STATUS_BY_TARGET[targetType as AuditTargetType]?.[String(value)] ?? String(value)
    case 'kind':
      return KIND_BY_TARGET[targetType as AuditTargetType]?.[String(value)] ?? String(value)
    case 'role':
      return (
        ROLE_NAMES[value as keyof typeof ROLE_NAMES] ??
        GRID_ROLE_NAMES[value as keyof typeof GRID_ROLE_NAMES] ??
        String(value)
      )
    case 'view':
      return VIEWS[String(value)] ?? String(value)
    case 'meetingType':
      return MEETING_TYPES[value as keyof typeof MEETING_TYPES] ?? String(value)
    case 'move':
      return MOVES[String(value)] ?? String(value)
    case 'rule':
      return RULES[String(value)] ?? String(value)
    case 'whoMayBook':
      return WHO_MAY_BOOK[String(value)] ?? String(value)
    case 'shares': {
      const { quorum, approval } = value as { quorum?: unknown; approval?: unknown }
      return (
        [share(quorum) && `参与 ${share(quorum)}`, share(approval) && `赞成 ${share(approval)}`]
          .filter(Boolean)
          .join('，') || null
      )
    }
    case 'openingHours':
      return openingHours(String(value))
    case 'list':
      return Array.isArray(value) ? value.map(String).join('、') || '无' : String(value)
    case 'count':
      return Array.isArray(value) ? `${value.length} 条` : String(value)
    case 'photo':
      return '1 张照片'
    case 'user':
      return names.users.get(String(value)) ?? '已注销用户'
    case 'users':
      return many(value, names.users, '人')
    case 'household':
      return names.households.get(String(value)) ?? '已删除的住户'
    case 'householdList':
      return many(value, names.households, '户')
    case 'residency':
      return names.residencies.get(String(value)) ?? '已撤销的认证'
    case 'room':
      return names.rooms.get(String(value)) ?? '已删除的房间'
    case 'agendaItem':
      return names.agendaItems.get(String(value)) ?? '议题'
    case 'convention':
      return names.conventions.get(String(value)) ?? '微规约'
    case 'voter': {
      const v = String(value)
      if (v.startsWith('h:')) return names.households.get(v.slice(2)) ?? '一户'
      if (v.startsWith('u:')) return names.users.get(v.slice(2)) ?? '一位居民'
      return '名册中的一位业主'
    }
  }
}

/** Each field of before/after, in the table's order, with what changed. Unknown fields are skipped. */
function changesOf(row: RawAuditRow, names: Names): AuditChange[] {
  const labels = AUDIT_FIELD_LABELS_BY_ACTION[row.action as AuditAction] ?? {}
  const fields = (Object.keys(AUDIT_FIELDS) as AuditField[]).filter(
    (f) => (row.before && f in row.before) || (row.after && f in row.after),
  )
  return fields.flatMap((field) => {
    const { kind, label } = AUDIT_FIELDS[field]
    const before = inWords(row.before?.[field], kind, row.targetType, names)
    const after = inWords(row.after?.[field], kind, row.targetType, names)
    if (kind === 'hidden' || (before === null && after === null) || before === after) return []
    return [{ field, label: labels[field] ?? label, before, after }]
  })
}

/** A page of raw rows in words, in the same order. */
export async function presentAudit(db: Db, rows: RawAuditRow[]): Promise<Presented[]> {
  const names = await loadNames(db, rows)
  return rows.map((row) => {
    const target = names.targets.get(key(row.targetType, row.targetId))
    // An object deleted since (a template, a blackout) is still named by what the entry recorded.
    const recorded = [row.before, row.after]
      .map((v) => v?.title ?? v?.name)
      .find((v): v is string => typeof v === 'string')
    return {
      actionLabel: AUDIT_ACTIONS[row.action as AuditAction] ?? row.action,
      targetTypeLabel: AUDIT_TARGETS[row.targetType as AuditTargetType] ?? row.targetType,
      targetName: target?.name ?? recorded ?? null,
      targetLink: target?.link ?? null,
      changes: changesOf(row, names),
    }
  })
}
