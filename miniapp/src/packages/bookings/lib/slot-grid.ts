// The room day grid and the range a resident picks on it. Pure: the page only renders cells
// and forwards taps; tests drive these functions directly.
import type { Booking, Slot, SlotState } from '@/packages/bookings/api'
import { clock, clockRange, durationText } from './time'

/** What a cell looks like: the slot's state, or the resident's current choice, or their pending booking. */
export type CellKind = SlotState | 'selected' | 'pending'

export type GridCell = {
  index: number
  startsAt: number
  endsAt: number
  /** "09:30", the start of the slot. */
  time: string
  kind: CellKind
  /** A short word that fits a cell: 可预约, 已预约, 我的预约, 待审批, 暂停开放… */
  label: string
  selectable: boolean
}

export type GridSection = { title: string; cells: GridCell[] }

/** A run of blacked-out slots with its reason: "14:00–16:00 暂停开放：设备检修". */
export type ClosureNote = { range: string; reason: string }

export type SlotGrid = { sections: GridSection[]; closures: ClosureNote[]; freeCount: number }

/** Inclusive slot indices of the day's slot list. */
export type Selection = { start: number; end: number }

export const CELL_LABELS: Record<CellKind, string> = {
  free: '可预约',
  taken: '已预约',
  mine: '我的预约',
  pending: '待审批',
  blackout: '暂停开放',
  past: '已过',
  too_soon: '需提前预约',
  too_far: '未开放',
  selected: '已选',
}

/** The legend under the grid, in the order residents meet the states. */
export const LEGEND: CellKind[] = [
  'free',
  'selected',
  'taken',
  'mine',
  'pending',
  'blackout',
  'too_soon',
]

function sectionTitle(startsAt: number): string {
  const hour = Number(clock(startsAt).slice(0, 2))
  return hour < 12 ? '上午' : hour < 18 ? '下午' : '晚上'
}

/** The reason of a blackout slot, from the API's label "暂停开放：设备检修". */
export function blackoutReason(label: string): string {
  const i = label.indexOf('：')
  return i >= 0 ? label.slice(i + 1).trim() : ''
}

export function inSelection(selection: Selection | null, index: number): boolean {
  return selection !== null && index >= selection.start && index <= selection.end
}

/**
 * Cells grouped into 上午 / 下午 / 晚上. `mine` are the viewer's own bookings (from /me/bookings):
 * a slot of theirs still waiting for approval reads 待审批 instead of 我的预约.
 */
export function buildSlotGrid(
  slots: Slot[],
  selection: Selection | null,
  mine: Pick<Booking, 'startsAt' | 'endsAt' | 'status'>[] = [],
): SlotGrid {
  const sections: GridSection[] = []
  const closures: ClosureNote[] = []
  let freeCount = 0
  slots.forEach((slot, index) => {
    if (slot.state === 'free') freeCount++
    let kind: CellKind = slot.state
    if (inSelection(selection, index) && slot.state === 'free') kind = 'selected'
    if (slot.state === 'mine') {
      const own = mine.find(
        (b) =>
          b.startsAt <= slot.startsAt &&
          b.endsAt >= slot.endsAt &&
          b.status !== 'cancelled' &&
          b.status !== 'rejected',
      )
      if (own?.status === 'pending') kind = 'pending'
    }
    const cell: GridCell = {
      index,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      time: clock(slot.startsAt),
      kind,
      label: CELL_LABELS[kind],
      selectable: slot.state === 'free',
    }
    const title = sectionTitle(slot.startsAt)
    const last = sections[sections.length - 1]
    if (last && last.title === title) last.cells.push(cell)
    else sections.push({ title, cells: [cell] })

    if (slot.state === 'blackout') {
      const reason = blackoutReason(slot.label)
      const previous = slots[index - 1]
      const note = closures[closures.length - 1]
      const continues =
        previous?.state === 'blackout' &&
        previous.endsAt === slot.startsAt &&
        blackoutReason(previous.label) === reason
      if (note && continues)
        note.range = `${note.range.slice(0, 5)}–${clockRange(slot.startsAt, slot.endsAt).slice(6)}`
      else closures.push({ range: clockRange(slot.startsAt, slot.endsAt), reason })
    }
  })
  return { sections, closures, freeCount }
}

/** True when slots a..b are all free and follow each other without a closed gap. */
export function isBookableRun(slots: Slot[], a: number, b: number): boolean {
  if (a < 0 || b >= slots.length || a > b) return false
  for (let i = a; i <= b; i++) {
    if (slots[i]!.state !== 'free') return false
    if (i > a && slots[i - 1]!.endsAt !== slots[i]!.startsAt) return false
  }
  return true
}

export type TapResult = { selection: Selection | null; message?: string }

/**
 * A tap on slot `index`: the first tap picks the start; a later free slot extends the choice to
 * end there (the whole run must be free and within the room's longest booking); tapping the
 * start again clears it; tapping before the start starts over.
 */
export function tapSlot(
  slots: Slot[],
  selection: Selection | null,
  index: number,
  maxSlots: number,
  slotMinutes: number,
): TapResult {
  const slot = slots[index]
  if (!slot) return { selection }
  if (slot.state !== 'free') {
    const why: Partial<Record<SlotState, string>> = {
      taken: '这个时段已被预约',
      mine: '这是您已预约的时段',
      blackout: slot.label,
      past: '这个时段已经过去',
      too_soon: '这个时段开始得太近，需要提前预约',
      too_far: '这个时段还没有开放预约',
    }
    return { selection, message: why[slot.state] ?? '这个时段不可预约' }
  }
  if (!selection || index < selection.start) return { selection: { start: index, end: index } }
  if (index === selection.start) return { selection: null }
  if (!isBookableRun(slots, selection.start, index)) {
    return {
      selection: { start: index, end: index },
      message: '中间有不能预约的时段，已改为从这里开始',
    }
  }
  if (index - selection.start + 1 > maxSlots) {
    return { selection, message: `一次最多预约 ${durationText(maxSlots * slotMinutes)}` }
  }
  return { selection: { start: selection.start, end: index } }
}

/** Lengths (in slots) that can follow the chosen start: contiguous free slots, up to the room's maximum. */
export function lengthChoices(
  slots: Slot[],
  start: number,
  minSlots: number,
  maxSlots: number,
): number[] {
  const out: number[] = []
  for (let n = 1; n <= maxSlots; n++) {
    if (!isBookableRun(slots, start, start + n - 1)) break
    if (n >= minSlots) out.push(n)
  }
  return out
}

export function selectionLength(selection: Selection): number {
  return selection.end - selection.start + 1
}

/** The instants of the chosen run. */
export function selectionTimes(
  slots: Slot[],
  selection: Selection,
): { startsAt: number; endsAt: number } | null {
  const first = slots[selection.start]
  const last = slots[selection.end]
  return first && last ? { startsAt: first.startsAt, endsAt: last.endsAt } : null
}

/** The run covering exactly [startsAt, endsAt) when it is still free (a choice carried over from the any-room search). */
export function selectionFor(slots: Slot[], startsAt: number, endsAt: number): Selection | null {
  const start = slots.findIndex((s) => s.startsAt === startsAt)
  const end = slots.findIndex((s) => s.endsAt === endsAt)
  if (start < 0 || end < start || !isBookableRun(slots, start, end)) return null
  return { start, end }
}

/** Why the current choice cannot be booked yet, or null when it can. */
export function selectionProblem(
  selection: Selection | null,
  minSlots: number,
  slotMinutes: number,
): string | null {
  if (!selection) return '请先点选开始时段'
  if (selectionLength(selection) < minSlots)
    return `至少预约 ${durationText(minSlots * slotMinutes)}`
  return null
}
