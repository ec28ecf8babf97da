import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import {
  buildings,
  compounds,
  conventionEvents,
  conventions,
  conventionVersions,
  households,
  residencies,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { notFound } from '../lib/errors'
import { holdsRole } from '../identity/authz'
import { newId } from '../lib/ids'
import { now } from '../lib/time'

export type ConventionRow = typeof conventions.$inferSelect

export async function loadConvention(db: Db, id: string): Promise<ConventionRow> {
  const row = await db.select().from(conventions).where(eq(conventions.id, id)).get()
  if (!row) throw notFound('微规约')
  return row
}

/** Drafts are the committee's work in progress: the community's committee, admin and staff see them. */
export function canSeeDrafts(
  db: Db,
  actor: SessionUser | null,
  communityId: string,
): Promise<boolean> {
  return holdsRole(db, actor, communityId, ['committee', 'admin', 'staff'])
}

/**
 * The convention as the actor may see it: to anyone else a draft answers exactly like a
 * convention that does not exist (404), on every route, before any other check.
 */
export async function loadVisibleConvention(
  db: Db,
  actor: SessionUser | null,
  id: string,
): Promise<ConventionRow> {
  const c = await loadConvention(db, id)
  if (c.status === 'draft' && !(await canSeeDrafts(db, actor, c.communityId)))
    throw notFound('微规约')
  return c
}

export async function loadVersion(db: Db, conventionId: string, version: number) {
  const row = await db
    .select()
    .from(conventionVersions)
    .where(
      and(
        eq(conventionVersions.conventionId, conventionId),
        eq(conventionVersions.version, version),
      ),
    )
    .get()
  if (!row) throw notFound('该版本')
  return {
    version: row.version,
    title: row.title,
    preamble: row.preamble,
    articles: JSON.parse(row.articlesJson) as string[],
    changeNote: row.changeNote,
    createdAt: row.createdAt,
  }
}

export function scopeIds(c: Pick<ConventionRow, 'scopeIdsJson'>): string[] {
  return JSON.parse(c.scopeIdsJson) as string[]
}

/** SQL condition "household h is in the convention's scope" (h aliased as households). */
export function inScopeCondition(
  c: Pick<ConventionRow, 'communityId' | 'scopeType' | 'scopeIdsJson'>,
) {
  const ids = scopeIds(c)
  if (c.scopeType === 'buildings')
    return and(eq(households.communityId, c.communityId), inArray(households.buildingId, ids))
  if (c.scopeType === 'compounds') {
    return and(
      eq(households.communityId, c.communityId),
      inArray(households.buildingId, sqlBuildingsOfCompounds(ids)),
    )
  }
  return eq(households.communityId, c.communityId)
}

function sqlBuildingsOfCompounds(compoundIds: string[]) {
  return sql`(SELECT id FROM ${buildings} WHERE compound_id IN (${sql.join(
    compoundIds.map((id) => sql`${id}`),
    sql`, `,
  )}))`
}

export async function scopeLabel(
  db: Db,
  c: Pick<ConventionRow, 'scopeType' | 'scopeIdsJson'>,
): Promise<string> {
  const ids = scopeIds(c)
  if (c.scopeType === 'community') return '全社区'
  const names =
    c.scopeType === 'compounds'
      ? await db
          .select({ name: compounds.name })
          .from(compounds)
          .where(inArray(compounds.id, ids))
          .orderBy(asc(compounds.sortOrder))
      : await db
          .select({ name: sql<string>`${compounds.name} || ${buildings.name}` })
          .from(buildings)
          .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
          .where(inArray(buildings.id, ids))
          .orderBy(asc(buildings.sortOrder))
  return names.map((n) => n.name).join('、')
}

/** The user's verified households inside the convention's scope. */
export async function householdsInScope(db: Db, userId: string, c: ConventionRow) {
  return db
    .select({
      householdId: households.id,
      buildingId: households.buildingId,
      isRepresentative: residencies.isRepresentative,
    })
    .from(residencies)
    .innerJoin(households, eq(households.id, residencies.householdId))
    .where(
      and(eq(residencies.userId, userId), eq(residencies.status, 'verified'), inScopeCondition(c)),
    )
    .orderBy(asc(residencies.verifiedAt))
}

export type EventInput = {
  conventionId: string
  kind: string
  actorUserId: string | null
  actorRole: string
  body?: string | null
}

export function eventStatement(db: Db, e: EventInput, at = now()) {
  return db
    .insert(conventionEvents)
    .values({ id: newId(), ...e, body: e.body ?? null, createdAt: at })
}

/** A timeline event written only if the statement before it in the batch changed a row. */
export function eventIfChangedStatement(db: Db, id: string, e: EventInput, at = now()) {
  return db.run(sql`
    INSERT INTO ${conventionEvents} (id, convention_id, kind, actor_user_id, actor_role, body, created_at)
    SELECT ${id}, ${e.conventionId}, ${e.kind}, ${e.actorUserId}, ${e.actorRole}, ${e.body ?? null}, ${at}
    WHERE changes() > 0`)
}

export async function eventExists(db: Db, id: string): Promise<boolean> {
  return Boolean(
    await db
      .select({ id: conventionEvents.id })
      .from(conventionEvents)
      .where(eq(conventionEvents.id, id))
      .get(),
  )
}
