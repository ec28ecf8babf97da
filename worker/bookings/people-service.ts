import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm'
import {
  bookings,
  centreCommunities,
  centres,
  communities,
  groupMembers,
  groups,
  residencies,
  rooms,
  users,
} from '../../db/schema'
import { holdsOf } from '../lib/content-check'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { requireUser } from '../lib/auth'
import { forbidden, notFound } from '../lib/errors'
import { DAY, now } from '../lib/time'
import { assertCentreManagerOf, managedCentreIdsSql } from '../identity/authz'
import { noShowFreeze } from './booking-service'
import { policyOf } from './repo'

// People around bookings: my groups, the centres I manage, finding a resident to name as a
// group's leader or member, a group's members, and the no-shows a manager may waive.

const memberCount = sql<number>`(SELECT COUNT(*) FROM group_members m WHERE m.group_id = ${groups.id})`

/** Groups I lead or belong to, at any centre. */
export async function myGroups(db: Db, actor: SessionUser | null) {
  const user = requireUser(actor)
  // users joins the leader (my own membership row needs no name).
  const rows = await db
    .select({
      g: groups,
      centreName: centres.name,
      leaderName: users.nickname,
      members: memberCount,
    })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(centres, eq(centres.id, groups.centreId))
    .innerJoin(users, eq(users.id, groups.leaderUserId))
    .where(eq(groupMembers.userId, user.id))
    .orderBy(asc(groups.name))
  const held = await holdsOf(
    db,
    'group_name',
    rows.map(({ g }) => g.id),
  )
  return {
    items: rows.map(({ g, centreName, leaderName, members }) => ({
      id: g.id,
      // A name the content check holds is not shown to members until it is passed.
      name: held.get(g.id)?.held ? '（团队名称审核中）' : g.name,
      kind: g.kind,
      centreId: g.centreId,
      centreName,
      leader: { id: g.leaderUserId, nickname: leaderName },
      memberCount: members,
      isLeader: g.leaderUserId === user.id,
    })),
  }
}

/**
 * Centres I manage (a live per-centre grant, decision 020) with how many bookings wait for
 * approval, so the app shows its manager entry without a refused call.
 */
export async function managedCentres(db: Db, actor: SessionUser | null) {
  const user = requireUser(actor)
  const rows = await db
    .select({ id: centres.id, name: centres.name })
    .from(centres)
    .where(inArray(centres.id, managedCentreIdsSql(user.id)))
    .orderBy(asc(centres.name))
  if (rows.length === 0) return { items: [] }
  const pending = await db
    .select({ centreId: bookings.centreId, n: sql<number>`COUNT(*)` })
    .from(bookings)
    .where(
      and(
        inArray(
          bookings.centreId,
          rows.map((r) => r.id),
        ),
        eq(bookings.status, 'pending'),
        gte(bookings.startsAt, now()),
      ),
    )
    .groupBy(bookings.centreId)
  return {
    items: rows.map((r) => ({
      ...r,
      pendingCount: pending.find((p) => p.centreId === r.id)?.n ?? 0,
    })),
  }
}

/** Verified residents of the communities a centre serves whose nickname contains q (managers only). */
export async function searchPeople(db: Db, actor: SessionUser | null, centreId: string, q: string) {
  await assertCentreManagerOf(db, actor, centreId)
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await db
    .selectDistinct({ id: users.id, nickname: users.nickname, community: communities.name })
    .from(residencies)
    .innerJoin(centreCommunities, eq(centreCommunities.communityId, residencies.communityId))
    .innerJoin(users, eq(users.id, residencies.userId))
    .innerJoin(communities, eq(communities.id, residencies.communityId))
    .where(
      and(
        eq(centreCommunities.centreId, centreId),
        eq(residencies.status, 'verified'),
        sql`${users.nickname} LIKE ${pattern} ESCAPE '\\'`,
      ),
    )
    .orderBy(asc(users.nickname))
    .limit(20)
  return { items: rows }
}

/** Members of a group: for the centre's managers and the group's leader. */
export async function listGroupMembers(db: Db, actor: SessionUser | null, groupId: string) {
  const user = requireUser(actor)
  const group = await db.select().from(groups).where(eq(groups.id, groupId)).get()
  if (!group) throw notFound('团队')
  if (group.leaderUserId !== user.id) {
    await assertCentreManagerOf(db, user, group.centreId).catch(() => {
      throw forbidden('只有团队负责人和邻里中心管理员可以查看成员')
    })
  }
  const rows = await db
    .select({ id: users.id, nickname: users.nickname, joinedAt: groupMembers.joinedAt })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(groupMembers.joinedAt))
  return { items: rows.map((r) => ({ ...r, isLeader: r.id === group.leaderUserId })) }
}

/**
 * Missed check-ins (released, or cancelled after the cutoff) of the last 60 days, and who is
 * frozen now by the no-show rule: what a manager needs to waive one or override a freeze.
 */
export async function listNoShows(db: Db, actor: SessionUser | null, centreId: string) {
  await assertCentreManagerOf(db, actor, centreId)
  const at = now()
  const rows = await db
    .select({ b: bookings, nickname: users.nickname, roomName: rooms.name })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .where(
      and(
        eq(bookings.centreId, centreId),
        gte(bookings.startsAt, at - 60 * DAY),
        sql`(${bookings.status} = 'released' OR ${bookings.lateCancel} = 1)`,
      ),
    )
    .orderBy(desc(bookings.startsAt))
    .limit(200)
  const policy = await policyOf(db, centreId)
  const people = [...new Map(rows.map((r) => [r.b.userId, r.nickname])).entries()]
  const frozen = []
  for (const [userId, nickname] of people) {
    const freeze = await noShowFreeze(db, userId, centreId, policy, at)
    if (freeze)
      frozen.push({ user: { id: userId, nickname }, until: freeze.until, count: freeze.count })
  }
  return {
    items: rows.map(({ b, nickname, roomName }) => ({
      bookingId: b.id,
      user: { id: b.userId, nickname },
      room: roomName,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      kind: b.status === 'released' ? ('released' as const) : ('late_cancel' as const),
      waived: b.noShowWaived,
    })),
    frozen,
  }
}
