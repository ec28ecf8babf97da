// Utilisation in words and shades: per room, and a weekday × hour heatmap over all rooms.
import type { Utilisation } from '@/packages/bookings/api'

/** "62%" of a part of open minutes; "—" when the room was not open at all. */
export function percent(part: number, open: number): string {
  return open > 0 ? `${Math.round((part / open) * 100)}%` : '—'
}

/** Shade 0 (nothing booked) to 4 (over 75 % booked); -1 when closed. */
export function heatLevel(booked: number, open: number): -1 | 0 | 1 | 2 | 3 | 4 {
  if (open === 0) return -1
  const share = booked / open
  if (share === 0) return 0
  if (share <= 0.25) return 1
  if (share <= 0.5) return 2
  if (share <= 0.75) return 3
  return 4
}

export type HeatRow = {
  hour: number
  cells: { weekday: number; level: ReturnType<typeof heatLevel>; text: string }[]
}

/** Hours (rows) the centre is open at some weekday, each with the 7 weekdays (columns). */
export function heatmap(u: Utilisation): HeatRow[] {
  const hours = [
    ...new Set(u.byWeekdayHour.filter((c) => c.openMinutes > 0).map((c) => c.hour)),
  ].sort((a, b) => a - b)
  return hours.map((hour) => ({
    hour,
    cells: [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
      const c = u.byWeekdayHour.find((x) => x.weekday === weekday && x.hour === hour)
      return {
        weekday,
        level: heatLevel(c?.bookedMinutes ?? 0, c?.openMinutes ?? 0),
        text: c ? percent(c.bookedMinutes, c.openMinutes) : '—',
      }
    }),
  }))
}

/** The whole centre: open hours, and the shares booked and checked in. */
export function totals(u: Utilisation) {
  const sum = (k: 'openMinutes' | 'bookedMinutes' | 'checkedInMinutes') =>
    u.rooms.reduce((n, r) => n + r[k], 0)
  const open = sum('openMinutes')
  return {
    openHours: Math.round(open / 60),
    booked: percent(sum('bookedMinutes'), open),
    checkedIn: percent(sum('checkedInMinutes'), open),
  }
}
