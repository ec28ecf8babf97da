// 按门牌号找户: staff type what a resident says on the phone — "301", "1-301", "1单元301室",
// full-width digits included — and the building's list narrows to the matching households. Pure.

/** The runs of digits and letters, full-width turned half-width: "１单元３０１室" → ["1", "301"]. */
function parts(text: string): string[] {
  const halfWidth = text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
  return halfWidth.toUpperCase().match(/[0-9A-Z]+/g) ?? []
}

/**
 * Whether a household matches the search. One part ("301") is looked for in the room; two
 * ("1-301", "1单元301室") are unit and room. An empty search matches everything.
 */
export function matchesRoom(household: { unit: string; room: string }, query: string): boolean {
  const wanted = parts(query)
  if (wanted.length === 0) return true
  const room = parts(household.room).join('')
  const unit = parts(household.unit).join('')
  if (wanted.length === 1) return room.includes(wanted[0]!)
  return unit === wanted[0] && room.includes(wanted.slice(1).join(''))
}
