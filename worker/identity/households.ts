import { eq, inArray } from 'drizzle-orm'
import { buildings, compounds, households } from '../../db/schema'
import type { Db } from '../lib/env'
import type { Household } from './schemas'
import { formatHundredths } from '../lib/numbers'

// How a household is named everywhere: "梧桐苑 3号楼 2单元 301室".

export const householdColumns = {
  id: households.id,
  communityId: households.communityId,
  unit: households.unit,
  room: households.room,
  floorAreaDm2: households.floorAreaDm2,
  buildingId: buildings.id,
  buildingName: buildings.name,
  compoundName: compounds.name,
}

export type HouseholdRow = {
  [K in keyof typeof householdColumns]: (typeof householdColumns)[K]['_']['data']
}

/** 8950 dm² → "89.50" (m², exact: 1 dm² = 0.01 m²). */
export function formatAreaM2(dm2: number): string {
  return formatHundredths(dm2)
}

export function toHousehold(row: HouseholdRow): Household {
  return {
    id: row.id,
    compoundName: row.compoundName,
    buildingName: row.buildingName,
    unit: row.unit,
    room: row.room,
    label: `${row.compoundName} ${row.buildingName} ${row.unit}单元 ${row.room}室`,
    floorAreaM2: formatAreaM2(row.floorAreaDm2),
  }
}

export function selectHouseholds(db: Db) {
  return db
    .select(householdColumns)
    .from(households)
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
}

// D1 binds at most 100 parameters per statement; invite codes are issued for up to 200 households.
const IDS_PER_QUERY = 90

export async function householdsByIds(db: Db, ids: string[]): Promise<Map<string, HouseholdRow>> {
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) chunks.push(ids.slice(i, i + IDS_PER_QUERY))
  const rows = (
    await Promise.all(
      chunks.map((chunk) => selectHouseholds(db).where(inArray(households.id, chunk))),
    )
  ).flat()
  return new Map(rows.map((r) => [r.id, r]))
}
