import { isoWeekday, MINUTE, minutesOfDay, shanghaiDate, shanghaiMidnight } from '../lib/time'

// Opening hours and slots, in Shanghai time. Pure functions: the availability service and the
// booking checks both use them, so "free on screen" and "accepted by the server" never disagree.

/** ISO weekday → ranges like [["08:30","12:00"],["13:30","21:00"]]. */
export type OpeningHours = Record<string, [string, string][]>

export type Slot = { startsAt: number; endsAt: number }

/** Every slot of a room on a Shanghai date, in order. */
export function slotsOfDay(hours: OpeningHours, slotMinutes: number, date: string): Slot[] {
  const midnight = shanghaiMidnight(date)
  const slots: Slot[] = []
  for (const [open, close] of hours[String(isoWeekday(date))] ?? []) {
    for (let m = minutesOfDay(open); m + slotMinutes <= minutesOfDay(close); m += slotMinutes) {
      slots.push({ startsAt: midnight + m * MINUTE, endsAt: midnight + (m + slotMinutes) * MINUTE })
    }
  }
  return slots
}

/**
 * The slot starts covered by [startsAt, endsAt) when it lies on slot boundaries inside one
 * opening range of one day; null otherwise.
 */
export function slotsOfBooking(
  hours: OpeningHours,
  slotMinutes: number,
  startsAt: number,
  endsAt: number,
): number[] | null {
  if (endsAt <= startsAt) return null
  const date = shanghaiDate(startsAt)
  const day = slotsOfDay(hours, slotMinutes, date)
  const first = day.findIndex((s) => s.startsAt === startsAt)
  if (first < 0) return null
  const covered: number[] = []
  for (let i = first; i < day.length && day[i]!.startsAt < endsAt; i++) {
    // Slots must be contiguous: a gap means the booking would span a closed period.
    if (i > first && day[i]!.startsAt !== day[i - 1]!.endsAt) return null
    covered.push(day[i]!.startsAt)
    if (day[i]!.endsAt === endsAt) return covered
  }
  return null
}

export function parseOpeningHours(json: string): OpeningHours {
  return JSON.parse(json) as OpeningHours
}
