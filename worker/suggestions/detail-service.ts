import { and, asc, eq, sql } from 'drizzle-orm'
import {
  alleys,
  suggestionEvents,
  suggestionPhotos,
  suggestionRatings,
  suggestionReads,
  suggestions,
  suggestionSupports,
  users,
  type Role,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { known, readBatch, rowRead, rowsRead, runBatch } from '../lib/db'
import { notFound } from '../lib/errors'
import { now } from '../lib/time'
import { holdLabel, holdsRead } from '../lib/content-check'
import {
  holdsAny,
  holdsRoleCondition,
  householdRead,
  residencyRead,
  rolesRead,
  type ResidencyInCommunity,
} from '../identity/reads'
import { authorIdentity } from './author-identity'
import { assertMayView, SEES_ALL } from './authz'
import { STATUS_LABELS } from './labels'
import { photoUrl } from './photo-urls'
import { authorLabel, settingsRead, toSummary } from './repo'
import type { SuggestionDetail } from './schemas'
import { OPEN_STATUSES } from './transitions'

const EVENT_LABELS: Record<string, string> = {
  submitted: '提交建议',
  published: '审核通过，公开',
  hidden: '因内容问题被隐藏',
  unhidden: '恢复公开',
  accepted: '受理',
  planner_assigned: '指派街巷规划师',
  adopted: '答复：采纳',
  not_adopted: '答复：不采纳',
  merged: '合并到另一条建议',
  merged_from: '合并了另一条建议',
  closed_unfixed: '关闭（未实施）',
  progress: '进展更新',
  completed: '已完成',
  reopened: '居民评价“未解决”，重新处理',
  threshold_reached: '附议户数达到答复门槛',
  meeting_agenda: '列入议事会议程',
  meeting_resolution: '议事会决议（民事民决）',
  meeting_cancelled: '议事会取消',
}

const ROLE_LABELS: Record<string, string> = {
  resident: '居民',
  staff: '居委会',
  planner: '街巷规划师',
  committee: '议事会',
  system: '系统',
}

export async function getSuggestionDetail(
  db: Db,
  photoSecret: string,
  actor: SessionUser | null,
  id: string,
): Promise<SuggestionDetail> {
  // One round trip (decision 021): the suggestion and everything its page shows, the viewer's
  // roles, residency, support and rating, keyed by the id (the community is a subquery); for a
  // signed-in viewer the same batch marks the case read (below). Then the visibility rule.
  const community = sql`(SELECT community_id FROM ${suggestions} WHERE id = ${id})`
  const reads = [
    rowRead(
      db
        .select({
          s: suggestions,
          authorNickname: users.nickname,
          alleyName: alleys.name,
          actedByName: sql<
            string | null
          >`(SELECT u.nickname FROM ${users} u WHERE u.id = ${suggestions.actedBy})`.as(
            'acted_by_name',
          ),
        })
        .from(suggestions)
        .leftJoin(users, eq(users.id, suggestions.authorUserId))
        .leftJoin(alleys, eq(alleys.id, suggestions.alleyId))
        .where(eq(suggestions.id, id)),
    ),
    rowRead(
      db
        .select({ id: suggestions.id, title: suggestions.title })
        .from(suggestions)
        .where(
          eq(suggestions.id, sql`(SELECT merged_into_id FROM ${suggestions} WHERE id = ${id})`),
        ),
    ),
    rowRead(
      db
        .select({ id: users.id, nickname: users.nickname })
        .from(users)
        .where(eq(users.id, sql`(SELECT planner_user_id FROM ${suggestions} WHERE id = ${id})`)),
    ),
    rowsRead(
      db
        .select({ e: suggestionEvents, nickname: users.nickname })
        .from(suggestionEvents)
        .leftJoin(users, eq(users.id, suggestionEvents.actorUserId))
        .where(eq(suggestionEvents.suggestionId, id))
        .orderBy(asc(suggestionEvents.createdAt), asc(suggestionEvents.id)),
    ),
    rowsRead(
      db
        .select({
          id: suggestionPhotos.id,
          eventId: suggestionPhotos.eventId,
          sortOrder: suggestionPhotos.sortOrder,
          uploaderUserId: suggestionPhotos.uploaderUserId,
        })
        .from(suggestionPhotos)
        .where(eq(suggestionPhotos.suggestionId, id))
        .orderBy(asc(suggestionPhotos.sortOrder)),
    ),
    settingsRead(db, community),
    // Photos and progress notes the content check holds.
    holdsRead(
      db,
      'suggestion_photo',
      sql`SELECT id FROM ${suggestionPhotos} WHERE suggestion_id = ${id}`,
    ),
    holdsRead(
      db,
      'suggestion_progress',
      sql`SELECT id FROM ${suggestionEvents} WHERE suggestion_id = ${id}`,
    ),
    // The viewer (a visitor has none: nothing is asked).
    rolesRead(db, actor, community),
    actor
      ? rowRead(
          db
            .select({
              userId: suggestionSupports.userId,
              actedByName: sql<
                string | null
              >`(SELECT u.nickname FROM ${users} u WHERE u.id = ${suggestionSupports.actedBy})`.as(
                'support_acted_by_name',
              ),
            })
            .from(suggestionSupports)
            .where(
              and(eq(suggestionSupports.suggestionId, id), eq(suggestionSupports.userId, actor.id)),
            ),
        )
      : known(undefined),
    actor
      ? rowRead(
          db
            .select({ stars: suggestionRatings.stars, unresolved: suggestionRatings.unresolved })
            .from(suggestionRatings)
            .where(
              and(
                eq(suggestionRatings.suggestionId, id),
                eq(suggestionRatings.userId, actor.id),
                eq(
                  suggestionRatings.round,
                  sql`(SELECT completion_round FROM ${suggestions} WHERE id = ${id})`,
                ),
              ),
            ),
        )
      : known(undefined),
    residencyRead(db, actor, community),
    // The author's household, for staff only (authorIdentity): never for a visitor.
    actor
      ? householdRead(db, sql`(SELECT author_household_id FROM ${suggestions} WHERE id = ${id})`)
      : known(null),
  ] as const
  const [
    row,
    mergedInto,
    planner,
    events,
    allPhotos,
    settings,
    photoHolds,
    noteHolds,
    roles,
    support,
    rating,
    residency,
    authorHousehold,
  ] = actor
    ? await runBatch(db, [markReadStatement(db, actor.id, id)], [...reads])
    : await readBatch(db, [...reads])
  if (!row) throw notFound('建议')
  const { s, authorNickname, alleyName, actedByName } = row
  assertMayView(actor, s, roles)
  const author = authorNickname === null ? undefined : { nickname: authorNickname }
  const viewer = viewerState(actor, s, { roles, support, rating, residency })
  const nickname = author?.nickname ?? '已注销用户'
  const shownPhotos = allPhotos.filter(
    (p) => !photoHolds.get(p.id)?.held || p.uploaderUserId === actor?.id || viewer.canModerate,
  )
  const mainPhotos = shownPhotos.filter((p) => p.eventId === null)
  // Progress notes the content check holds: their words are for staff and their writer only.
  const noteOf = (e: (typeof events)[number]['e']) =>
    noteHolds.get(e.id)?.held && !viewer.canModerate && e.actorUserId !== actor?.id
      ? '（说明审核中）'
      : e.body
  const photoView = async (p: { id: string }) => {
    const hold = photoHolds.get(p.id)
    return {
      id: p.id,
      url: await photoUrl(p.id, hold?.held ? null : s, photoSecret),
      review: holdLabel(hold),
    }
  }

  const summary = await toSummary(
    {
      s,
      alleyName,
      authorNickname: nickname,
      coverPhotoId: mainPhotos.find((p) => !photoHolds.get(p.id)?.held)?.id ?? null,
    },
    photoSecret,
  )
  return {
    ...summary,
    description: s.description,
    landmark: s.landmark,
    location:
      s.latE6 !== null && s.lngE6 !== null ? { lat: s.latE6 / 1e6, lng: s.lngE6 / 1e6 } : null,
    photos: await Promise.all(mainPhotos.map(photoView)),
    mergedInto: mergedInto ?? null,
    planner: planner ?? null,
    hiddenReason: viewer.isAuthor || viewer.canModerate ? s.hiddenReason : null,
    actedBy: s.actedBy && (viewer.isAuthor || viewer.canModerate) ? actedByName : null,
    authorIdentity: viewer.canModerate
      ? authorIdentity(author?.nickname ?? null, authorHousehold ?? undefined)
      : null,
    threshold: {
      households: settings.responseThresholdHouseholds,
      reachedAt: s.thresholdReachedAt,
      deadlineDays: settings.answerDeadlineDays,
    },
    timeline: await Promise.all(
      events
        // The moderation reason is for the author and staff; the public timeline never shows hidden-content events.
        .filter(
          ({ e }) =>
            !['hidden', 'unhidden'].includes(e.kind) || viewer.isAuthor || viewer.canModerate,
        )
        .map(async ({ e, nickname: actorNickname }) => ({
          id: e.id,
          kind: e.kind,
          kindLabel: EVENT_LABELS[e.kind] ?? e.kind,
          actorLabel:
            e.actorRole === 'resident'
              ? e.actorUserId === s.authorUserId
                ? authorLabel(s, nickname)
                : '居民'
              : `${actorNickname ?? ''}（${ROLE_LABELS[e.actorRole] ?? e.actorRole}）`,
          actorRole: e.actorRole,
          fromStatus: (e.fromStatus as keyof typeof STATUS_LABELS | null) ?? null,
          toStatus: (e.toStatus as keyof typeof STATUS_LABELS | null) ?? null,
          body: noteOf(e),
          photos: await Promise.all(shownPhotos.filter((p) => p.eventId === e.id).map(photoView)),
          createdAt: e.createdAt,
        })),
    ),
    viewer,
  }
}

/**
 * Following the case: the author and supporters who may see it have it marked read now, for
 * 我的金点子's unread marks (the rule of getSuggestionDetail's visibility, in SQL, so that the mark
 * rides in the page's batch).
 */
function markReadStatement(db: Db, userId: string, id: string) {
  const at = now()
  return db.run(sql`
    INSERT INTO ${suggestionReads} (user_id, suggestion_id, last_read_at)
    SELECT ${userId}, s.id, ${at} FROM ${suggestions} s
    WHERE s.id = ${id} AND (s.author_user_id = ${userId} OR (
      EXISTS (SELECT 1 FROM ${suggestionSupports} WHERE suggestion_id = s.id AND user_id = ${userId})
      AND ((s.status <> 'submitted' AND s.hidden_at IS NULL)
        OR ${holdsRoleCondition(userId, sql`s.community_id`, SEES_ALL)})))
    ON CONFLICT (user_id, suggestion_id) DO UPDATE SET last_read_at = excluded.last_read_at`)
}

function viewerState(
  actor: SessionUser | null,
  s: typeof suggestions.$inferSelect,
  read: {
    roles: Role[]
    support: { userId: string; actedByName: string | null } | undefined
    rating: { stars: number; unresolved: boolean } | undefined
    residency: ResidencyInCommunity | null
  },
) {
  if (!actor) {
    return {
      isAuthor: false,
      supported: false,
      supportActedBy: null,
      canSupport: false,
      canRate: false,
      myRating: null,
      canHandle: false,
      canModerate: false,
    }
  }
  const { roles, support, rating, residency } = read
  const canModerate = holdsAny(roles, ['staff', 'admin'])
  const isPlanner = holdsAny(roles, ['planner'])
  const isAuthor = actor.id === s.authorUserId
  const open = OPEN_STATUSES.includes(s.status) && s.hiddenAt === null
  return {
    isAuthor,
    supported: Boolean(support),
    supportActedBy: support?.actedByName ?? null,
    canSupport: Boolean(residency) && open && !support,
    canRate: s.status === 'completed' && (Boolean(support) || isAuthor),
    myRating: rating ?? null,
    canHandle: canModerate || isPlanner,
    canModerate,
  }
}
