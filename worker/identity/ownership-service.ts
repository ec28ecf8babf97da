import { and, asc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm'
import type { z } from '@hono/zod-openapi'
import {
  buildings,
  communities,
  compounds,
  households,
  ownerProxies,
  owners,
  residencies,
  unitOwners,
  unitTitles,
  users,
} from '../../db/schema'
import { auditIfChangedStatement, auditStatement } from '../lib/audit'
import { requireUser, type SessionUser } from '../lib/auth'
import { runBatch, type BatchStatement } from '../lib/db'
import type { Db } from '../lib/env'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { DAY, now, shanghaiDate, shanghaiMidnight } from '../lib/time'
import { assertStaffOf } from './authz'
import { formatAreaM2, householdColumns, selectHouseholds, toHousehold } from './households'
import { parseAreaDm2 } from './ownership'
import { residencyIn } from './residency-service'
import type {
  MyOwnershipSchema,
  OwnerProxySchema,
  OwnerSchema,
  OwnershipUnitSchema,
  OwnersQuery,
  RecordProxyBody,
  RecordTitleBody,
} from './schemas'

// 业主 as data (decision 011): staff record each unit's title — registered area, certificate
// number, owners or the developer's mark — and owners' written 委托; every write and every staff
// view is audited. Residents see only their own ownership (myOwnership).

type Actor = SessionUser | null
type OwnershipUnit = z.infer<typeof OwnershipUnitSchema>
type Owner = z.infer<typeof OwnerSchema>
type OwnerProxy = z.infer<typeof OwnerProxySchema>

// ---------- reading ----------

/** The label of a unit inside its community: "梧桐苑 1号楼 1单元 301室". */
const unitLabel = sql<string>`${compounds.name} || ' ' || ${buildings.name} || ' ' || ${households.unit} || '单元 ' || ${households.room} || '室'`

/** Every unit each owner holds, by label, in a stable order. */
async function unitsOfOwners(db: Db, ownerIds: SQL): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ ownerId: unitOwners.ownerId, label: unitLabel })
    .from(unitOwners)
    .innerJoin(households, eq(households.id, unitOwners.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
    .where(inArray(unitOwners.ownerId, ownerIds))
    .orderBy(asc(compounds.sortOrder), asc(buildings.sortOrder), households.unit, households.room)
  const map = new Map<string, string[]>()
  for (const r of rows) map.set(r.ownerId, [...(map.get(r.ownerId) ?? []), r.label])
  return map
}

/** A proxy's name as staff see it: the real name on the residency, else the nickname. */
function proxyNameSql(communityId: string) {
  return sql<string>`COALESCE((SELECT real_name FROM residencies WHERE user_id = ${ownerProxies.proxyUserId} AND community_id = ${communityId} AND status = 'verified' AND real_name IS NOT NULL LIMIT 1), ${users.nickname})`
}

function liveProxies(db: Db, communityId: string, where: SQL | undefined) {
  return db
    .select({
      id: ownerProxies.id,
      ownerId: ownerProxies.ownerId,
      ownerName: owners.name,
      proxyUserId: ownerProxies.proxyUserId,
      proxyName: proxyNameSql(communityId),
      document: ownerProxies.document,
      validUntil: ownerProxies.validUntil,
      recordedAt: ownerProxies.recordedAt,
    })
    .from(ownerProxies)
    .innerJoin(owners, eq(owners.id, ownerProxies.ownerId))
    .innerJoin(users, eq(users.id, ownerProxies.proxyUserId))
    .where(and(isNull(ownerProxies.revokedAt), where))
    .orderBy(asc(ownerProxies.recordedAt))
}

/** Ownership of the units matching `where` (a condition on households), for staff. */
async function unitsWhere(db: Db, communityId: string, where: SQL): Promise<OwnershipUnit[]> {
  const unitIds = db.select({ id: households.id }).from(households).where(where)
  const ownerIds = db
    .select({ id: unitOwners.ownerId })
    .from(unitOwners)
    .where(inArray(unitOwners.householdId, unitIds))
  const [rows, titles, ownerRows, otherUnits, proxies, residents] = await Promise.all([
    selectHouseholds(db).where(where).orderBy(households.unit, households.room),
    db
      .select({ title: unitTitles, recordedBy: users.nickname })
      .from(unitTitles)
      .innerJoin(users, eq(users.id, unitTitles.recordedBy))
      .where(inArray(unitTitles.householdId, unitIds)),
    db
      .select({ householdId: unitOwners.householdId, owner: owners, nickname: users.nickname })
      .from(unitOwners)
      .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
      .leftJoin(users, eq(users.id, owners.userId))
      .where(inArray(unitOwners.householdId, unitIds))
      .orderBy(asc(owners.name), asc(owners.id)),
    unitsOfOwners(db, sql`${ownerIds}`),
    liveProxies(db, communityId, inArray(ownerProxies.ownerId, ownerIds)),
    db
      .select({
        householdId: residencies.householdId,
        userId: residencies.userId,
        realName: residencies.realName,
        nickname: users.nickname,
      })
      .from(residencies)
      .innerJoin(users, eq(users.id, residencies.userId))
      .where(and(inArray(residencies.householdId, unitIds), eq(residencies.status, 'verified')))
      .orderBy(asc(residencies.verifiedAt)),
  ])
  return rows.map((row) => {
    const t = titles.find((x) => x.title.householdId === row.id)
    const unitOwnerRows = ownerRows.filter((o) => o.householdId === row.id)
    return {
      household: toHousehold(row),
      title: t
        ? {
            registeredAreaM2: formatAreaM2(t.title.registeredAreaDm2),
            certificateNo: t.title.certificateNo,
            developerUnsold: t.title.developerUnsold,
            recordedAt: t.title.recordedAt,
            recordedBy: t.recordedBy,
          }
        : null,
      owners: unitOwnerRows.map(({ owner, nickname }) => ({
        id: owner.id,
        kind: owner.kind,
        name: owner.name,
        userId: owner.userId,
        nickname,
        units: otherUnits.get(owner.id) ?? [],
      })),
      proxies: proxies.filter((p) => unitOwnerRows.some((o) => o.owner.id === p.ownerId)),
      residents: residents
        .filter((r) => r.householdId === row.id)
        .map(({ userId, realName, nickname }) => ({ userId, realName, nickname })),
    }
  })
}

async function loadHousehold(db: Db, householdId: string) {
  const row = await selectHouseholds(db).where(eq(households.id, householdId)).get()
  if (!row) throw notFound('房屋')
  return row
}

/** Staff: the units of a building (or those whose room number contains `room`), with ownership. */
export async function listOwnership(
  db: Db,
  actor: Actor,
  communityId: string,
  query: { buildingId: string; room?: string },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const building = await db
    .select({ communityId: buildings.communityId })
    .from(buildings)
    .where(eq(buildings.id, query.buildingId))
    .get()
  if (!building || building.communityId !== communityId) throw notFound('楼栋')
  const inBuilding = eq(households.buildingId, query.buildingId)
  const where = query.room
    ? and(inBuilding, like(households.room, `%${query.room.replace(/[%_\\]/g, '')}%`))!
    : inBuilding
  const [items, counts] = await Promise.all([
    unitsWhere(db, communityId, where),
    db
      .select({
        total: sql<number>`COUNT(*)`,
        recorded: sql<number>`COUNT(${unitTitles.householdId})`,
      })
      .from(households)
      .leftJoin(unitTitles, eq(unitTitles.householdId, households.id))
      .where(inBuilding)
      .get(),
  ])
  // Owners' names and certificate numbers are personal data: staff views are audited (PIPL).
  await auditStatement(db, {
    communityId,
    actorUserId: staff.id,
    action: 'ownership.view',
    targetType: 'building',
    targetId: query.buildingId,
    after: query.room ? { room: query.room } : undefined,
  })
  return { recorded: counts?.recorded ?? 0, total: counts?.total ?? 0, items }
}

/** Staff: one unit's ownership (the recording form). */
export async function getUnitOwnership(db: Db, actor: Actor, householdId: string) {
  const household = await loadHousehold(db, householdId)
  const staff = await assertStaffOf(db, actor, household.communityId)
  const [unit] = await unitsWhere(db, household.communityId, eq(households.id, householdId))
  await auditStatement(db, {
    communityId: household.communityId,
    actorUserId: staff.id,
    action: 'ownership.view',
    targetType: 'household',
    targetId: householdId,
  })
  return unit!
}

/** Staff: recorded owners and developers of the community, by name, to pick for another unit. */
export async function searchOwners(
  db: Db,
  actor: Actor,
  communityId: string,
  query: z.infer<typeof OwnersQuery>,
): Promise<{ items: Owner[] }> {
  const staff = await assertStaffOf(db, actor, communityId)
  const words = (query.q ?? '').replace(/[%_\\]/g, '')
  const rows = await db
    .select({ owner: owners, nickname: users.nickname })
    .from(owners)
    .leftJoin(users, eq(users.id, owners.userId))
    .where(
      and(
        eq(owners.communityId, communityId),
        query.kind ? eq(owners.kind, query.kind) : undefined,
        words ? like(owners.name, `%${words}%`) : undefined,
      ),
    )
    .orderBy(asc(owners.name), asc(owners.id))
    .limit(20)
  const units = await unitsOfOwners(
    db,
    sql`(${sql.join(
      ['', ...rows.map((r) => r.owner.id)].map((id) => sql`${id}`),
      sql`, `,
    )})`,
  )
  await auditStatement(db, {
    communityId,
    actorUserId: staff.id,
    action: 'ownership.view',
    targetType: 'community',
    targetId: communityId,
    after: { view: 'owners', q: words },
  })
  return {
    items: rows.map(({ owner, nickname }) => ({
      id: owner.id,
      kind: owner.kind,
      name: owner.name,
      userId: owner.userId,
      nickname,
      units: units.get(owner.id) ?? [],
    })),
  }
}

// ---------- recording ----------

/** What the audit keeps of a unit's title: every field staff can change. */
function auditView(unit: OwnershipUnit) {
  if (!unit.title) return null
  return {
    areaM2: unit.title.registeredAreaM2,
    certificateNo: unit.title.certificateNo,
    developerUnsold: unit.title.developerUnsold,
    owners: unit.owners.map((o) => o.name),
  }
}

/**
 * Staff record (or correct) a unit's title from the certificate: area, number, owners — or the
 * developer's mark. The whole record is replaced in one batch, so two staff saving at once leave
 * one of the two records, never a mix.
 */
export async function recordTitle(
  db: Db,
  actor: Actor,
  householdId: string,
  body: z.infer<typeof RecordTitleBody>,
): Promise<OwnershipUnit> {
  const household = await loadHousehold(db, householdId)
  const communityId = household.communityId
  const staff = await assertStaffOf(db, actor, communityId)
  const [before] = await unitsWhere(db, communityId, eq(households.id, householdId))
  const kind = body.developerUnsold ? 'developer' : 'person'
  const at = now()
  const created: BatchStatement[] = []
  const ownerExpressions: SQL[] = []
  const names: string[] = []
  const seen = new Set<string>()
  for (const ref of body.owners) {
    const identity = ref.ownerId ?? (ref.userId ? `u:${ref.userId}` : `n:${ref.name}`)
    if (seen.has(identity)) continue
    seen.add(identity)
    if (ref.ownerId) {
      const owner = await db
        .select({ communityId: owners.communityId, kind: owners.kind, name: owners.name })
        .from(owners)
        .where(eq(owners.id, ref.ownerId))
        .get()
      if (!owner || owner.communityId !== communityId)
        throw new AppError('VALIDATION_FAILED', '所选的业主不在本社区的登记中，请重新查找')
      if (owner.kind !== kind)
        throw new AppError(
          'VALIDATION_FAILED',
          kind === 'developer'
            ? `“${owner.name}”登记的是个人业主，开发商未售的房屋请选择开发商`
            : `“${owner.name}”登记的是开发商，已售房屋请登记个人业主`,
        )
      ownerExpressions.push(sql`${ref.ownerId}`)
      names.push(owner.name)
    } else if (ref.userId) {
      if (kind === 'developer')
        throw new AppError('VALIDATION_FAILED', '开发商请填写公司名称，不能选择居民账号')
      const residency = await db
        .select({ realName: residencies.realName, nickname: users.nickname })
        .from(residencies)
        .innerJoin(users, eq(users.id, residencies.userId))
        .where(
          and(
            eq(residencies.userId, ref.userId),
            eq(residencies.communityId, communityId),
            eq(residencies.status, 'verified'),
          ),
        )
        .get()
      if (!residency)
        throw new AppError(
          'VALIDATION_FAILED',
          '只能关联本社区的认证居民；不使用小程序的业主请直接填写姓名',
        )
      const name = ref.name ?? residency.realName ?? residency.nickname
      // One owner row per account (owners_user_uq): a second unit of the same person reuses it.
      created.push(
        db.run(sql`INSERT OR IGNORE INTO owners (id, community_id, kind, user_id, name, created_by, created_at)
          VALUES (${newId()}, ${communityId}, 'person', ${ref.userId}, ${name}, ${staff.id}, ${at})`),
      )
      if (ref.name)
        created.push(
          db
            .update(owners)
            .set({ name: ref.name })
            .where(and(eq(owners.communityId, communityId), eq(owners.userId, ref.userId))),
        )
      ownerExpressions.push(
        sql`(SELECT id FROM owners WHERE community_id = ${communityId} AND user_id = ${ref.userId})`,
      )
      names.push(name)
    } else {
      const id = newId()
      created.push(
        db.insert(owners).values({
          id,
          communityId,
          kind,
          userId: null,
          name: ref.name!,
          createdBy: staff.id,
          createdAt: at,
        }),
      )
      ownerExpressions.push(sql`${id}`)
      names.push(ref.name!)
    }
  }
  const title = {
    registeredAreaDm2: parseAreaDm2(body.areaM2),
    certificateNo: body.developerUnsold ? null : (body.certificateNo ?? null),
    developerUnsold: body.developerUnsold,
    recordedBy: staff.id,
    recordedAt: at,
  }
  await runBatch(db, [
    ...created,
    db
      .insert(unitTitles)
      .values({ householdId, communityId, ...title })
      .onConflictDoUpdate({ target: unitTitles.householdId, set: title }),
    db.delete(unitOwners).where(eq(unitOwners.householdId, householdId)),
    ...ownerExpressions.map((ownerId) =>
      db.run(
        sql`INSERT OR IGNORE INTO unit_owners (household_id, owner_id) VALUES (${householdId}, ${ownerId})`,
      ),
    ),
    auditStatement(db, {
      communityId,
      actorUserId: staff.id,
      action: 'ownership.record',
      targetType: 'household',
      targetId: householdId,
      before: before ? auditView(before) : null,
      after: {
        areaM2: formatAreaM2(title.registeredAreaDm2),
        certificateNo: title.certificateNo,
        developerUnsold: title.developerUnsold,
        owners: names,
      },
    }),
  ])
  const [unit] = await unitsWhere(db, communityId, eq(households.id, householdId))
  return unit!
}

async function loadOwner(db: Db, ownerId: string) {
  const owner = await db.select().from(owners).where(eq(owners.id, ownerId)).get()
  if (!owner) throw notFound('业主')
  return owner
}

/**
 * Staff record an owner's written 委托: the proxy, a verified resident of the community, may cast
 * the owner's ballot in Civil Code votes. A new 委托 replaces the owner's live one in the same
 * batch (owner_proxies_live_uq keeps one live per owner whatever the concurrency).
 */
export async function recordProxy(
  db: Db,
  actor: Actor,
  ownerId: string,
  body: z.infer<typeof RecordProxyBody>,
): Promise<OwnerProxy> {
  const owner = await loadOwner(db, ownerId)
  const staff = await assertStaffOf(db, actor, owner.communityId)
  if (owner.userId === body.proxyUserId)
    throw new AppError('VALIDATION_FAILED', '受托人就是业主本人，无需委托')
  if (!(await residencyIn(db, body.proxyUserId, owner.communityId)))
    throw new AppError('VALIDATION_FAILED', '受托人须为本社区的认证居民')
  const at = now()
  const validUntil = body.validUntil ? shanghaiMidnight(body.validUntil) + DAY : null
  if (validUntil !== null && validUntil <= at)
    throw new AppError('VALIDATION_FAILED', '委托截止日期已经过去，请核对委托书')
  const id = newId()
  const previous = await liveProxies(db, owner.communityId, eq(ownerProxies.ownerId, ownerId))
  await runBatch(db, [
    db
      .update(ownerProxies)
      .set({ revokedAt: at, revokedBy: staff.id })
      .where(and(eq(ownerProxies.ownerId, ownerId), isNull(ownerProxies.revokedAt))),
    db.insert(ownerProxies).values({
      id,
      communityId: owner.communityId,
      ownerId,
      proxyUserId: body.proxyUserId,
      document: body.document,
      validUntil,
      recordedBy: staff.id,
      recordedAt: at,
    }),
    auditStatement(db, {
      communityId: owner.communityId,
      actorUserId: staff.id,
      action: 'ownership.proxy_record',
      targetType: 'owner',
      targetId: ownerId,
      before: previous[0]
        ? { proxy: previous[0].proxyName, document: previous[0].document }
        : undefined,
      after: {
        owner: owner.name,
        proxyUserId: body.proxyUserId,
        document: body.document,
        validUntil: body.validUntil ?? null,
      },
    }),
  ])
  const [proxy] = await liveProxies(db, owner.communityId, eq(ownerProxies.id, id))
  return proxy!
}

/** Staff revoke a 委托 (the owner withdrew it). Revoking twice answers 409. */
export async function revokeProxy(db: Db, actor: Actor, proxyId: string) {
  const proxy = await db.select().from(ownerProxies).where(eq(ownerProxies.id, proxyId)).get()
  if (!proxy) throw notFound('委托')
  const staff = await assertStaffOf(db, actor, proxy.communityId)
  const at = now()
  await runBatch(db, [
    db
      .update(ownerProxies)
      .set({ revokedAt: at, revokedBy: staff.id })
      .where(and(eq(ownerProxies.id, proxyId), isNull(ownerProxies.revokedAt))),
    auditIfChangedStatement(db, {
      communityId: proxy.communityId,
      actorUserId: staff.id,
      action: 'ownership.proxy_revoke',
      targetType: 'owner',
      targetId: proxy.ownerId,
      before: { proxyUserId: proxy.proxyUserId, document: proxy.document },
    }),
  ])
  const after = await db
    .select({ revokedAt: ownerProxies.revokedAt })
    .from(ownerProxies)
    .where(eq(ownerProxies.id, proxyId))
    .get()
  if (after?.revokedAt !== at) throw new AppError('INVALID_STATE', '该委托已经撤销')
  return { ok: true as const }
}

// ---------- the owner's own view ----------

/** The signed-in user's own ownership: her units (no certificate number), 委托 given and held. */
export async function myOwnership(
  db: Db,
  actor: Actor,
): Promise<z.infer<typeof MyOwnershipSchema>> {
  const user = requireUser(actor)
  const mine = db.select({ id: owners.id }).from(owners).where(eq(owners.userId, user.id))
  const [units, coOwners, given, held] = await Promise.all([
    db
      .select({
        household: householdColumns,
        communityName: communities.name,
        areaDm2: unitTitles.registeredAreaDm2,
      })
      .from(unitOwners)
      .innerJoin(unitTitles, eq(unitTitles.householdId, unitOwners.householdId))
      .innerJoin(households, eq(households.id, unitOwners.householdId))
      .innerJoin(buildings, eq(buildings.id, households.buildingId))
      .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
      .innerJoin(communities, eq(communities.id, households.communityId))
      .where(inArray(unitOwners.ownerId, mine))
      .orderBy(
        asc(compounds.sortOrder),
        asc(buildings.sortOrder),
        households.unit,
        households.room,
      ),
    db
      .select({ householdId: unitOwners.householdId, name: owners.name })
      .from(unitOwners)
      .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
      .where(
        and(
          inArray(
            unitOwners.householdId,
            db
              .select({ id: unitOwners.householdId })
              .from(unitOwners)
              .where(inArray(unitOwners.ownerId, mine)),
          ),
          sql`${owners.userId} IS NOT ${user.id}`,
        ),
      ),
    db
      .select({
        id: ownerProxies.id,
        ownerId: ownerProxies.ownerId,
        ownerName: owners.name,
        proxyUserId: ownerProxies.proxyUserId,
        proxyName: users.nickname,
        document: ownerProxies.document,
        validUntil: ownerProxies.validUntil,
        recordedAt: ownerProxies.recordedAt,
      })
      .from(ownerProxies)
      .innerJoin(owners, eq(owners.id, ownerProxies.ownerId))
      .innerJoin(users, eq(users.id, ownerProxies.proxyUserId))
      .where(and(inArray(ownerProxies.ownerId, mine), isNull(ownerProxies.revokedAt))),
    db
      .select({
        id: ownerProxies.id,
        ownerId: ownerProxies.ownerId,
        ownerName: owners.name,
        proxyUserId: ownerProxies.proxyUserId,
        proxyName: users.nickname,
        document: ownerProxies.document,
        validUntil: ownerProxies.validUntil,
        recordedAt: ownerProxies.recordedAt,
      })
      .from(ownerProxies)
      .innerJoin(owners, eq(owners.id, ownerProxies.ownerId))
      .innerJoin(users, eq(users.id, ownerProxies.proxyUserId))
      .where(and(eq(ownerProxies.proxyUserId, user.id), isNull(ownerProxies.revokedAt))),
  ])
  const heldUnits = await unitsOfOwners(
    db,
    sql`(${sql.join(
      ['', ...held.map((p) => p.ownerId)].map((id) => sql`${id}`),
      sql`, `,
    )})`,
  )
  return {
    units: units.map((u) => ({
      communityName: u.communityName,
      household: toHousehold(u.household),
      registeredAreaM2: formatAreaM2(u.areaDm2),
      coOwners: coOwners.filter((c) => c.householdId === u.household.id).map((c) => c.name),
    })),
    proxiesGiven: given,
    proxiesHeld: held.map((p) => ({ ...p, units: heldUnits.get(p.ownerId) ?? [] })),
  }
}

/** For the export (PIPL): everything held about the user as owner, certificate numbers included. */
export async function ownershipExport(db: Db, userId: string) {
  const mine = db.select({ id: owners.id }).from(owners).where(eq(owners.userId, userId))
  const [ownerRows, given, held] = await Promise.all([
    db
      .select({
        ownerId: owners.id,
        name: owners.name,
        householdId: unitOwners.householdId,
        registeredAreaDm2: unitTitles.registeredAreaDm2,
        certificateNo: unitTitles.certificateNo,
        recordedAt: unitTitles.recordedAt,
      })
      .from(owners)
      .leftJoin(unitOwners, eq(unitOwners.ownerId, owners.id))
      .leftJoin(unitTitles, eq(unitTitles.householdId, unitOwners.householdId))
      .where(eq(owners.userId, userId)),
    db
      .select({
        ownerId: ownerProxies.ownerId,
        proxyUserId: ownerProxies.proxyUserId,
        document: ownerProxies.document,
        validUntil: ownerProxies.validUntil,
        recordedAt: ownerProxies.recordedAt,
        revokedAt: ownerProxies.revokedAt,
      })
      .from(ownerProxies)
      .where(inArray(ownerProxies.ownerId, mine)),
    db
      .select({
        ownerId: ownerProxies.ownerId,
        ownerName: owners.name,
        document: ownerProxies.document,
        validUntil: ownerProxies.validUntil,
        recordedAt: ownerProxies.recordedAt,
        revokedAt: ownerProxies.revokedAt,
      })
      .from(ownerProxies)
      .innerJoin(owners, eq(owners.id, ownerProxies.ownerId))
      .where(eq(ownerProxies.proxyUserId, userId)),
  ])
  return {
    owners: ownerRows.map((r) => ({
      ...r,
      registeredAreaM2: r.registeredAreaDm2 === null ? null : formatAreaM2(r.registeredAreaDm2),
      registeredAreaDm2: undefined,
      recordedOn: r.recordedAt === null ? null : shanghaiDate(r.recordedAt),
    })),
    proxiesGiven: given,
    proxiesHeld: held,
  }
}
