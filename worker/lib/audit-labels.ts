// The audit log in words (issue 17): every action a staff member's act can write, every kind of
// object it names and every field of its before/after, in Chinese — the one home of these labels.
// lib/audit.ts types its arguments by the keys below, so a new action or field does not compile
// until it is named here; tests/worker/audit-log.test.ts reads the log back as a worker would.
// How a field's value reads (a time, a person, a status) is its `kind`; worker/audit turns
// each kind into words (audit/present.ts).

/** What was done. */
export const AUDIT_ACTIONS = {
  // 居民身份 identity
  'identities.view': '查看居民身份信息',
  'invite_codes.issue': '生成邀请码',
  'residency_request.approve': '通过认证申请',
  'residency_request.reject': '驳回认证申请',
  'residency.revoke': '撤销居民认证',
  'residency.set_representative': '设置户代表',
  'role.grant': '分配角色',
  'role.revoke': '撤销角色',
  'centre_role.grant': '任命邻里中心管理员',
  'centre_role.revoke': '撤销邻里中心管理员',
  'ownership.view': '查看房屋产权登记',
  'ownership.record': '登记房屋产权',
  'ownership.proxy_record': '登记业主书面委托',
  'ownership.proxy_revoke': '撤销业主书面委托',
  // 代办 (decision 019)
  'resident.register': '登记居民（代办，无微信）',
  'resident.claim_code': '生成认领码（代办账号）',
  'resident.claim': '居民认领代办账号',
  'resident.export': '为居民导出个人信息（代办账号）',
  'resident.delete': '为居民注销账号（代办账号）',
  'suggestion.acting_submit': '代办：提交金点子',
  'suggestion.acting_support': '代办：附议',
  'meeting.acting_signup': '代办：报名会议',
  'booking.acting_create': '代办：预约房间',
  // 网格 grid (decision 018)
  'grid.create': '新建网格',
  'grid.update': '修改网格',
  'building_group.create': '新建楼组',
  'building_group.update': '修改楼组',
  'grid_role.grant': '任命网格员/楼组长',
  'grid_role.revoke': '撤销网格员/楼组长',
  'residency_request.vouch': '楼组长为认证申请作证',
  // 金点子 suggestions
  'suggestion.publish': '审核通过金点子',
  'suggestion.accept': '受理金点子',
  'suggestion.adopt': '答复：采纳',
  'suggestion.not_adopt': '答复：不采纳',
  'suggestion.merge': '合并到另一条金点子',
  'suggestion.close_unfixed': '关闭金点子（未能解决）',
  'suggestion.progress': '发布办理进展',
  'suggestion.complete': '标记办结',
  'suggestion.reopen': '重新办理',
  'suggestion.assign_planner': '指派街巷规划师',
  'suggestion.hide': '隐藏金点子',
  'suggestion.unhide': '恢复公开金点子',
  'suggestion_comment.hide': '隐藏评论',
  'suggestion_flag.dismiss': '处理举报：内容没有问题',
  'suggestion_settings.update': '修改答复门槛和期限',
  'answer_template.create': '添加答复模板',
  'answer_template.delete': '删除答复模板',
  // 微规约 conventions
  'convention.create': '起草微规约',
  'convention.revise': '修改微规约（新版本）',
  'convention.open_consultation': '开始征求意见',
  'convention.open_voting': '开始表决',
  'convention.paper_ballot': '登记纸质表决票',
  'convention.file': '登记备案并生效',
  // 议事会 meetings
  'meeting.create': '新建会议',
  'meeting.update': '修改会议',
  'meeting.publish': '发布会议',
  'meeting.cancel': '取消会议',
  'meeting.invite': '邀请居民参会',
  'meeting.walk_in': '登记现场参会',
  'meeting.view_attendance': '查看报名和签到名单',
  'meeting.save_minutes': '修改会议纪要',
  'meeting.publish_minutes': '公布会议纪要',
  'meeting.delete_photo': '删除会议照片',
  'meeting.resolution': '公布议题决议',
  // 决议台账 transparency
  'register.mark_done': '标记决议已办结',
  // 邻里中心 bookings
  'booking.approve': '批准预约',
  'booking.reject': '驳回预约',
  'booking.waive_no_show': '免计一次未签到',
  'no_show.override': '解除预约暂停',
  'room.create': '新增房间',
  'room.update': '修改房间信息',
  'room.update_rules': '修改房间预约规则',
  'room.add_photo': '添加房间照片',
  'room.remove_photo': '删除房间照片',
  'centre.update_policy': '修改邻里中心预约规定',
  'blackout.create': '安排暂停开放',
  'blackout.delete': '撤销暂停开放',
  'group.create': '登记团队',
  'group.add_member': '添加团队成员',
  'group.remove_member': '移除团队成员',
  // 内容安全 moderation (decision 013)
  'content_word.set': '设置敏感词',
  'content_word.remove': '移除敏感词',
  'content_hold.approve': '内容审核：通过',
  'content_hold.reject': '内容审核：驳回',
} as const satisfies Record<string, string>

export type AuditAction = keyof typeof AUDIT_ACTIONS

/** What an entry is about: its `targetType`. The log names the object and links to it. */
export const AUDIT_TARGETS = {
  community: '社区',
  building: '楼栋',
  household: '住户',
  user: '居民',
  owner: '业主',
  residency: '居民认证',
  residency_request: '认证申请',
  grid: '网格',
  building_group: '楼组',
  suggestion: '金点子',
  suggestion_comment: '评论',
  suggestion_flag: '举报',
  answer_template: '答复模板',
  convention: '微规约',
  meeting: '会议',
  meeting_resolution: '决议',
  centre: '邻里中心',
  room: '房间',
  booking: '预约',
  blackout: '暂停开放',
  group: '团队',
  street: '街道',
  content_hold: '机器审核扣下的内容',
} as const satisfies Record<string, string>

export type AuditTargetType = keyof typeof AUDIT_TARGETS

/**
 * How a value reads. `hidden`: not shown (an id the entry's object already names, a row's own
 * bookkeeping). The rest are turned into words by worker/audit/present.ts.
 */
export type AuditFieldKind =
  | 'text'
  | 'longText'
  | 'number'
  | 'minutes'
  | 'days'
  | 'households'
  | 'bool'
  | 'time'
  | 'date'
  | 'status'
  | 'kind'
  | 'role'
  | 'view'
  | 'meetingType'
  | 'move'
  | 'rule'
  | 'shares'
  | 'whoMayBook'
  | 'openingHours'
  | 'list'
  | 'user'
  | 'users'
  | 'household'
  | 'householdList'
  | 'residency'
  | 'voter'
  | 'room'
  | 'agendaItem'
  | 'convention'
  | 'count'
  | 'photo'
  | 'hidden'

/** Every field a before/after may hold. `label` is what the 操作记录 says before the value. */
export const AUDIT_FIELDS = {
  // states and reasons
  status: { label: '状态', kind: 'status' },
  reason: { label: '理由', kind: 'text' },
  hidden: { label: '隐藏', kind: 'bool' },
  note: { label: '说明', kind: 'text' },
  body: { label: '内容', kind: 'longText' },
  title: { label: '标题', kind: 'text' },
  name: { label: '名称', kind: 'text' },
  kind: { label: '类型', kind: 'kind' },
  // people and places
  role: { label: '角色', kind: 'role' },
  view: { label: '查看的内容', kind: 'view' },
  userId: { label: '居民', kind: 'user' },
  userIds: { label: '居民', kind: 'users' },
  plannerUserId: { label: '街巷规划师', kind: 'user' },
  leaderUserId: { label: '负责人', kind: 'user' },
  proxyUserId: { label: '受托人', kind: 'user' },
  householdId: { label: '住户', kind: 'household' },
  householdIds: { label: '住户', kind: 'householdList' },
  representativeResidencyId: { label: '户代表', kind: 'residency' },
  isRepresentative: { label: '户代表', kind: 'bool' },
  communityId: { label: '社区', kind: 'hidden' },
  room: { label: '门牌号', kind: 'text' },
  scope: { label: '负责范围', kind: 'text' },
  compounds: { label: '包含小区', kind: 'list' },
  buildings: { label: '包含楼栋', kind: 'list' },
  notVotedVisibleToLeaders: { label: '楼组长可查看未投票的户', kind: 'bool' },
  q: { label: '查找', kind: 'text' },
  consentConfirmed: { label: '已向居民说明隐私政策并取得同意', kind: 'bool' },
  // 房屋产权 ownership
  areaM2: { label: '专有部分面积（平方米）', kind: 'text' },
  certificateNo: { label: '不动产权证号', kind: 'text' },
  developerUnsold: { label: '开发商未售', kind: 'bool' },
  owners: { label: '业主', kind: 'list' },
  owner: { label: '业主', kind: 'text' },
  proxy: { label: '受托人', kind: 'text' },
  document: { label: '委托书', kind: 'text' },
  validUntil: { label: '委托有效期至', kind: 'date' },
  // times
  startsAt: { label: '开始时间', kind: 'time' },
  endsAt: { label: '结束时间', kind: 'time' },
  closesAt: { label: '截止时间', kind: 'time' },
  expiresAt: { label: '有效期至', kind: 'time' },
  until: { label: '暂停到', kind: 'time' },
  dueDate: { label: '完成期限', kind: 'date' },
  date: { label: '日期', kind: 'date' },
  // 金点子
  responseThresholdHouseholds: { label: '答复门槛', kind: 'households' },
  answerDeadlineDays: { label: '答复期限', kind: 'days' },
  // 微规约
  version: { label: '版本', kind: 'number' },
  changeNote: { label: '修改说明', kind: 'longText' },
  amendsId: { label: '修订的规约', kind: 'convention' },
  rule: { label: '表决规则', kind: 'rule' },
  shares: { label: '比例', kind: 'shares' },
  voter: { label: '投票人', kind: 'voter' },
  paperRef: { label: '纸质票编号', kind: 'text' },
  number: { label: '备案号', kind: 'text' },
  authority: { label: '备案机关', kind: 'text' },
  // 议事会
  type: { label: '会议类型', kind: 'meetingType' },
  place: { label: '地点', kind: 'text' },
  capacity: { label: '名额（人）', kind: 'number' },
  minutes: { label: '纪要', kind: 'longText' },
  photoId: { label: '照片', kind: 'photo' },
  itemId: { label: '议题', kind: 'agendaItem' },
  decision: { label: '决议', kind: 'longText' },
  votesFor: { label: '赞成', kind: 'number' },
  votesAgainst: { label: '反对', kind: 'number' },
  votesAbstain: { label: '弃权', kind: 'number' },
  suggestionMove: { label: '金点子的处理', kind: 'move' },
  // 邻里中心
  roomId: { label: '房间', kind: 'room' },
  centreId: { label: '邻里中心', kind: 'hidden' },
  id: { label: '编号', kind: 'hidden' },
  createdBy: { label: '登记人', kind: 'hidden' },
  createdAt: { label: '登记时间', kind: 'hidden' },
  photosJson: { label: '照片', kind: 'hidden' },
  facilities: { label: '设施', kind: 'list' },
  cancelledBookings: { label: '因此取消的预约', kind: 'count' },
  openingHoursJson: { label: '开放时间', kind: 'openingHours' },
  slotMinutes: { label: '每格时长', kind: 'minutes' },
  minSlots: { label: '最短预约（格）', kind: 'number' },
  maxSlots: { label: '最长预约（格）', kind: 'number' },
  horizonDays: { label: '可提前预约', kind: 'days' },
  minNoticeMinutes: { label: '至少提前', kind: 'minutes' },
  needsApproval: { label: '需要审批', kind: 'bool' },
  whoMayBook: { label: '谁可以预约', kind: 'whoMayBook' },
  checkinCode: { label: '签到码', kind: 'text' },
  residentMinutesPerWeek: { label: '居民每周可预约', kind: 'minutes' },
  groupMinutesPerWeek: { label: '团队每周可预约', kind: 'minutes' },
  cancelCutoffMinutes: { label: '开始前多久不能取消', kind: 'minutes' },
  checkinOpensMinutesBefore: { label: '开始前可签到', kind: 'minutes' },
  checkinGraceMinutes: { label: '开始后可签到', kind: 'minutes' },
  noShowLimit: { label: '30 天内未签到上限（次）', kind: 'number' },
  noShowFreezeDays: { label: '超过后暂停预约', kind: 'days' },
  // content safety
  word: { label: '词语', kind: 'text' },
} as const satisfies Record<string, { label: string; kind: AuditFieldKind }>

export type AuditField = keyof typeof AUDIT_FIELDS

/**
 * A field's name where one action means something narrower than the general label (the 名称 of
 * a walk-in is a person's 姓名; the 地点 of a meeting is free text, its 房间 a room).
 */
export const AUDIT_FIELD_LABELS_BY_ACTION: Partial<
  Record<AuditAction, Partial<Record<AuditField, string>>>
> = {
  'meeting.walk_in': { name: '姓名' },
  'meeting.resolution': { owner: '责任人' },
  'group.create': { name: '团队名称' },
  'room.create': { name: '房间名称', capacity: '容纳人数' },
  'room.update': { name: '房间名称', capacity: '容纳人数' },
  'answer_template.create': { title: '模板名称', kind: '用于' },
  'answer_template.delete': { title: '模板名称', kind: '用于' },
  'convention.create': { title: '规约名称' },
  'meeting.create': { title: '会议名称' },
  'meeting.update': { title: '会议名称' },
  'convention.open_consultation': { endsAt: '征求意见截止' },
  'convention.file': { date: '备案日期' },
  'suggestion_comment.hide': { body: '评论内容' },
  'suggestion.adopt': { body: '答复' },
  'suggestion.not_adopt': { body: '答复' },
  'suggestion.close_unfixed': { body: '说明' },
  'suggestion.progress': { body: '进展' },
  'suggestion.complete': { body: '完工说明' },
  'suggestion.accept': { body: '受理说明' },
  'suggestion.merge': { body: '说明' },
}
