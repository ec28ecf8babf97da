import { and, asc, eq } from 'drizzle-orm'
import {
  alleys,
  suggestionEvents,
  suggestionPhotos,
  suggestionRatings,
  suggestionReads,
  suggestions,
  suggestionSupports,
  users,
} from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { now } from '../lib/time'
import { holdsRole } from '../identity/authz'
import { residencyIn } from '../identity/residency-service'
import { authorIdentities } from './author-identity'
import { assertCanView } from './authz'
import { STATUS_LABELS } from './labels'
import { photoUrl } from './photo-urls'
import { holdLabel, holdsOf } from '../lib/content-check'
import { authorLabel, loadSuggestion, settingsOf, toSummary } from './repo'
import type { SuggestionDetail } from './schemas'
import { OPEN_STATUSES } from './transitions'
import { actorNames } from '../identity/acting'

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
  const s = await loadSuggestion(db, id)
  await assertCanView(db, actor, s)
  const [author, alley, mergedInto, planner, events, allPhotos, settings] = await Promise.all([
    db.select({ nickname: users.nickname }).from(users).where(eq(users.id, s.authorUserId)).get(),
    s.alleyId
      ? db.select({ name: alleys.name }).from(alleys).where(eq(alleys.id, s.alleyId)).get()
      : undefined,
    s.mergedIntoId
      ? db
          .select({ id: suggestions.id, title: suggestions.title })
          .from(suggestions)
          .where(eq(suggestions.id, s.mergedIntoId))
          .get()
      : undefined,
    s.plannerUserId
      ? db
          .select({ id: users.id, nickname: users.nickname })
          .from(users)
          .where(eq(users.id, s.plannerUserId))
          .get()
      : undefined,
    db
      .select({ e: suggestionEvents, nickname: users.nickname })
      .from(suggestionEvents)
      .leftJoin(users, eq(users.id, suggestionEvents.actorUserId))
      .where(eq(suggestionEvents.suggestionId, id))
      .orderBy(asc(suggestionEvents.createdAt), asc(suggestionEvents.id)),
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
    settingsOf(db, s.communityId),
  ])
  const nickname = author?.nickname ?? '已注销用户'
  const viewer = await viewerState(db, actor, s)
  // Photos the content check holds: shown (signed, marked 审核中) to their uploader and staff only.
  const photoHolds = await holdsOf(
    db,
    'suggestion_photo',
    allPhotos.map((p) => p.id),
  )
  const shownPhotos = allPhotos.filter(
    (p) => !photoHolds.get(p.id)?.held || p.uploaderUserId === actor?.id || viewer.canModerate,
  )
  const mainPhotos = shownPhotos.filter((p) => p.eventId === null)
  // Progress notes the content check holds: their words are for staff and their writer only.
  const noteHolds = await holdsOf(
    db,
    'suggestion_progress',
    events.map(({ e }) => e.id),
  )
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

  if (actor && (viewer.isAuthor || viewer.supported)) {
    // Following the case: remember when it was last read, for 我的金点子's unread marks.
    await db
      .insert(suggestionReads)
      .values({ userId: actor.id, suggestionId: id, lastReadAt: now() })
      .onConflictDoUpdate({
        target: [suggestionReads.userId, suggestionReads.suggestionId],
        set: { lastReadAt: now() },
      })
  }

  const summary = await toSummary(
    {
      s,
      alleyName: alley?.name ?? null,
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
    actedBy:
      s.actedBy && (viewer.isAuthor || viewer.canModerate)
        ? ((await actorNames(db, [s.actedBy])).get(s.actedBy) ?? null)
        : null,
    authorIdentity: viewer.canModerate
      ? ((
          await authorIdentities(db, [
            {
              id: s.id,
              authorHouseholdId: s.authorHouseholdId,
              authorNickname: author?.nickname ?? null,
            },
          ])
        ).get(s.id) ?? null)
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

async function viewerState(db: Db, actor: SessionUser | null, s: typeof suggestions.$inferSelect) {
  if (!actor) {
    return {
      isAuthor: false,
      supported: false,
      canSupport: false,
      canRate: false,
      myRating: null,
      canHandle: false,
      canModerate: false,
    }
  }
  const [support, rating, residency, canModerate, isPlanner] = await Promise.all([
    db
      .select({ userId: suggestionSupports.userId })
      .from(suggestionSupports)
      .where(
        and(eq(suggestionSupports.suggestionId, s.id), eq(suggestionSupports.userId, actor.id)),
      )
      .get(),
    db
      .select({ stars: suggestionRatings.stars, unresolved: suggestionRatings.unresolved })
      .from(suggestionRatings)
      .where(
        and(
          eq(suggestionRatings.suggestionId, s.id),
          eq(suggestionRatings.userId, actor.id),
          eq(suggestionRatings.round, s.completionRound),
        ),
      )
      .get(),
    residencyIn(db, actor.id, s.communityId),
    holdsRole(db, actor, s.communityId, ['staff', 'admin']),
    holdsRole(db, actor, s.communityId, ['planner']),
  ])
  const isAuthor = actor.id === s.authorUserId
  const open = OPEN_STATUSES.includes(s.status) && s.hiddenAt === null
  return {
    isAuthor,
    supported: Boolean(support),
    canSupport: Boolean(residency) && open && !support,
    canRate: s.status === 'completed' && (Boolean(support) || isAuthor),
    myRating: rating ?? null,
    canHandle: canModerate || isPlanner,
    canModerate,
  }
}
