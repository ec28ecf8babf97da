// The manager's calendar: one day per room, and a week of rooms × days.
import type { CalendarItem } from '@/packages/bookings/api'
import { addDays, dayStart, DAY, shanghaiDay } from './time'

export type RoomRef = { id: string; name: string }

export type RoomAgenda = { room: RoomRef; items: CalendarItem[] }

/** The statuses a manager sees on the calendar, as badge colours. */
export function calendarTone(status: string): 'ok' | 'warn' | 'danger' | 'plain' {
  if (status === 'pending') return 'warn'
  if (status === 'confirmed' || status === 'checked_in') return 'ok'
  if (status === 'released') return 'danger'
  return 'plain'
}

/** Every room of the centre (also the empty ones) with its bookings of one Shanghai day, in time order. */
export function dayAgenda(items: CalendarItem[], rooms: RoomRef[], date: string): RoomAgenda[] {
  const from = dayStart(date)
  const to = from + DAY
  const known = new Map(rooms.map((r) => [r.id, r]))
  // A booking of a room the centre list does not know (renamed, removed) still shows.
  for (const item of items) if (!known.has(item.room.id)) known.set(item.room.id, item.room)
  return [...known.values()].map((room) => ({
    room,
    items: items
      .filter((i) => i.room.id === room.id && i.startsAt >= from && i.startsAt < to)
      .sort((a, b) => a.startsAt - b.startsAt),
  }))
}

export type WeekCell = { date: string; count: number; minutes: number; pending: number }
export type WeekRow = { room: RoomRef; cells: WeekCell[] }

/** The 7 dates of the week starting on `monday`. */
export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}

/** Rooms × days: how many bookings, how many minutes booked and how many wait for approval. */
export function weekMatrix(items: CalendarItem[], rooms: RoomRef[], monday: string): WeekRow[] {
  const dates = weekDates(monday)
  return dayAgenda(items, rooms, monday).map(({ room }) => ({
    room,
    cells: dates.map((date) => {
      const mine = items.filter((i) => i.room.id === room.id && shanghaiDay(i.startsAt) === date)
      return {
        date,
        count: mine.length,
        minutes: mine.reduce((sum, i) => sum + Math.round((i.endsAt - i.startsAt) / 60_000), 0),
        pending: mine.filter((i) => i.status === 'pending').length,
      }
    }),
  }))
}

/** How full a cell is, for its shade: 0 (free) to 3 (most of an 11-hour day booked). */
export function weekCellLevel(cell: WeekCell): 0 | 1 | 2 | 3 {
  if (cell.count === 0) return 0
  if (cell.minutes < 180) return 1
  if (cell.minutes < 360) return 2
  return 3
}
