import { eq } from 'drizzle-orm'
import {
  alleys,
  buildings,
  centreCommunities,
  centres,
  communities,
  compounds,
  households,
  rooms,
  streets,
} from '../../db/schema'
import type { Db } from '../lib/env'
import { notFound } from '../lib/errors'

// The place tree is public: it names places, never people.

export async function listStreets(db: Db) {
  const [streetRows, communityRows] = await Promise.all([
    db.select().from(streets).orderBy(streets.name),
    db
      .select({ id: communities.id, name: communities.name, streetId: communities.streetId })
      .from(communities)
      .orderBy(communities.name),
  ])
  return {
    items: streetRows.map((s) => ({
      id: s.id,
      name: s.name,
      district: s.district,
      communities: communityRows
        .filter((c) => c.streetId === s.id)
        .map(({ id, name }) => ({ id, name })),
    })),
  }
}

export async function listCommunities(db: Db) {
  const items = await db
    .select({
      id: communities.id,
      name: communities.name,
      streetId: streets.id,
      streetName: streets.name,
    })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .orderBy(streets.name, communities.name)
  return { items }
}

/** A community with its compounds, buildings (and their units), alleys and centres. */
export async function getCommunity(db: Db, communityId: string) {
  const community = await db
    .select({ id: communities.id, name: communities.name, streetName: streets.name })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(communities.id, communityId))
    .get()
  if (!community) throw notFound('社区')
  const [compoundRows, buildingRows, unitRows, alleyRows, centreRows] = await Promise.all([
    db
      .select()
      .from(compounds)
      .where(eq(compounds.communityId, communityId))
      .orderBy(compounds.sortOrder, compounds.name),
    db
      .select()
      .from(buildings)
      .where(eq(buildings.communityId, communityId))
      .orderBy(buildings.sortOrder, buildings.name),
    db
      .selectDistinct({ buildingId: households.buildingId, unit: households.unit })
      .from(households)
      .where(eq(households.communityId, communityId))
      .orderBy(households.unit),
    db
      .select({ id: alleys.id, name: alleys.name, description: alleys.description })
      .from(alleys)
      .where(eq(alleys.communityId, communityId))
      .orderBy(alleys.sortOrder, alleys.name),
    db
      .select({ id: centres.id, name: centres.name, address: centres.address })
      .from(centreCommunities)
      .innerJoin(centres, eq(centres.id, centreCommunities.centreId))
      .where(eq(centreCommunities.communityId, communityId))
      .orderBy(centres.name),
  ])
  return {
    ...community,
    compounds: compoundRows.map((compound) => ({
      id: compound.id,
      name: compound.name,
      buildings: buildingRows
        .filter((b) => b.compoundId === compound.id)
        .map((b) => ({
          id: b.id,
          name: b.name,
          units: unitRows.filter((u) => u.buildingId === b.id).map((u) => u.unit),
        })),
    })),
    alleys: alleyRows,
    centres: centreRows,
  }
}

export async function getCentre(db: Db, centreId: string) {
  const centre = await db.select().from(centres).where(eq(centres.id, centreId)).get()
  if (!centre) throw notFound('邻里中心')
  const [roomRows, served] = await Promise.all([
    db
      .select()
      .from(rooms)
      .where(eq(rooms.centreId, centreId))
      .orderBy(rooms.sortOrder, rooms.name),
    db
      .select({ id: communities.id, name: communities.name })
      .from(centreCommunities)
      .innerJoin(communities, eq(communities.id, centreCommunities.communityId))
      .where(eq(centreCommunities.centreId, centreId)),
  ])
  return {
    id: centre.id,
    name: centre.name,
    address: centre.address,
    openingNote: centre.openingNote,
    communities: served,
    rooms: roomRows.map((r) => ({
      id: r.id,
      name: r.name,
      capacity: r.capacity,
      facilities: JSON.parse(r.facilitiesJson) as string[],
    })),
  }
}

/** One back alley (its community and name), e.g. for its poster. */
export async function getAlley(db: Db, alleyId: string) {
  const row = await db
    .select({ id: alleys.id, communityId: alleys.communityId, name: alleys.name })
    .from(alleys)
    .where(eq(alleys.id, alleyId))
    .get()
  if (!row) throw notFound('小巷')
  return row
}
