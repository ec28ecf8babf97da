// Pure helpers of the attendance page (tested in node).
import type { Attendance } from '@/packages/meetings/api'
import { shanghaiDate } from './time'

export type RegistrationFilter = 'confirmed' | 'waitlisted' | 'all'
type Registration = Attendance['registrations'][number]

/** Registrations for one tab, in sign-up order; "all" includes the cancelled ones last. */
export function registrationFilter(
  list: Registration[],
  filter: RegistrationFilter,
): Registration[] {
  const bySeq = [...list].sort((a, b) => a.seq - b.seq)
  if (filter === 'all')
    return [
      ...bySeq.filter((r) => r.status !== 'cancelled'),
      ...bySeq.filter((r) => r.status === 'cancelled'),
    ]
  return bySeq.filter((r) => r.status === filter)
}

/** "2026-11-24 停车改造听证会 签到表.csv", without characters file systems refuse. */
export function csvFileName(title: string, startsAt: number): string {
  return `${shanghaiDate(startsAt)} ${title.replace(/[\\/:*?"<>|]/g, ' ').trim()} 签到表.csv`
}
