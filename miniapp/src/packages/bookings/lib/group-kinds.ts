import type { GroupKind } from '@/packages/bookings/api'

/** 三自组织: 自治 (self-governing), 志愿 (volunteer), 自乐 (recreation) groups. */
export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  autonomy: '自治',
  volunteer: '志愿',
  recreation: '自乐',
}
