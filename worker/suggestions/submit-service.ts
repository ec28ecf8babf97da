import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { alleys, suggestionSupports, suggestions, type SuggestionCategory } from '../../db/schema'
import type { Db } from '../lib/env'
import type { SessionUser } from '../lib/auth'
import { searchTerms, searchTextOf } from '../lib/chinese-search'
import { runBatch } from '../lib/db'
import { checkText, holdStatements, type ContentCheck } from '../lib/content-check'
import { AppError } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertResidentOf } from '../identity/residency-service'
import { actingAs } from '../identity/acting'
import { auditStatement } from '../lib/audit'
import { assertAttachablePhotos } from './photos-service'
import {
  attachPhotosStatements,
  eventStatement,
  recountSupportsStatement,
  selectSummaries,
  toSummary,
} from './repo'
import { OPEN_STATUSES } from './transitions'
import { getSuggestionDetail } from './detail-service'

export type CreateSuggestionInput = {
  title: string
  description: string
  category: SuggestionCategory
  alleyId?: string
  location?: { lat: number; lng: number }
  landmark?: string
  photoIds: string[]
  showName: boolean
}

/**
 * A verified resident submits a suggestion. It waits for moderation (submitted) and counts its
 * author as its first supporter, so the author can never add a second support by any route.
 */
export async function createSuggestion(
  db: Db,
  check: ContentCheck,
  photoSecret: string,
  actor: SessionUser | null,
  communityId: string,
  input: CreateSuggestionInput,
  options: { actingFor?: string } = {},
) {
  // 代办 (decision 019): staff or her 楼组长 submit it as the resident; it is hers in every rule.
  const acting = await actingAs(db, actor, options.actingFor, { communityId })
  const { user, residency } = await assertResidentOf(db, acting.user, communityId)
  // Photos are the uploader's until attached: the helper's, when she acts for the resident.
  const uploader = acting.actedBy ?? user.id
  if (input.alleyId) {
    const alley = await db
      .select({ communityId: alleys.communityId })
      .from(alleys)
      .where(eq(alleys.id, input.alleyId))
      .get()
    if (!alley || alley.communityId !== communityId)
      throw new AppError('VALIDATION_FAILED', '所选背街小巷不属于本社区，请重新选择')
  }
  await assertAttachablePhotos(db, uploader, communityId, input.photoIds)
  // Refused with the words to change, or held for staff with the reason (they see it in the queue).
  const verdict = await checkText(check, {
    communityId,
    authorUserId: user.id,
    scene: 3,
    fields: [
      { key: 'title', label: '标题', text: input.title },
      { key: 'description', label: '具体描述', text: input.description },
      { key: 'landmark', label: '地点说明', text: input.landmark ?? '' },
    ],
  })
  const id = newId()
  const at = now()
  await runBatch(db, [
    ...holdStatements(
      db,
      verdict,
      { type: 'suggestion', id },
      { communityId, authorUserId: user.id },
      at,
    ),
    db.insert(suggestions).values({
      id,
      communityId,
      authorUserId: user.id,
      authorHouseholdId: residency.householdId,
      authorBuildingLabel: `${residency.compoundName}${residency.buildingName}`,
      showName: input.showName,
      title: input.title,
      description: input.description,
      category: input.category,
      alleyId: input.alleyId ?? null,
      latE6: input.location ? Math.round(input.location.lat * 1e6) : null,
      lngE6: input.location ? Math.round(input.location.lng * 1e6) : null,
      landmark: input.landmark ?? '',
      status: 'submitted',
      searchText: searchTextOf(input.title, input.description, input.landmark ?? ''),
      actedBy: acting.actedBy,
      createdAt: at,
      updatedAt: at,
    }),
    db.insert(suggestionSupports).values({
      suggestionId: id,
      userId: user.id,
      householdId: residency.householdId,
      actedBy: acting.actedBy,
      createdAt: at,
    }),
    recountSupportsStatement(db, id),
    ...attachPhotosStatements(db, input.photoIds, uploader, id, null),
    eventStatement(
      db,
      {
        suggestionId: id,
        kind: 'submitted',
        actorUserId: user.id,
        actorRole: 'resident',
        toStatus: 'submitted',
      },
      at,
    ),
    ...(acting.actedBy
      ? [
          auditStatement(db, {
            communityId,
            actorUserId: acting.actedBy,
            onBehalfOfUserId: user.id,
            action: 'suggestion.acting_submit',
            targetType: 'suggestion',
            targetId: id,
            after: { title: input.title },
          }),
        ]
      : []),
  ])
  // Answered as she sees it: a 楼组长 acting for her may not see a 金点子 before staff publish it.
  return getSuggestionDetail(db, photoSecret, acting.user, id)
}

/**
 * Open (and completed) suggestions of the community that look like the one being typed: same alley or category,
 * or sharing words. Scored by shared bigrams (+3 same alley, +2 same category); best five.
 */
export async function findSimilar(
  db: Db,
  photoSecret: string,
  communityId: string,
  input: { title: string; description: string; category?: SuggestionCategory; alleyId?: string },
) {
  const words = new Set(searchTextOf(input.title, input.description).split(' ').filter(Boolean))
  const anyWord =
    words.size > 0
      ? [...words]
          .slice(0, 24)
          .map((w) => `"${w.replace(/"/g, '""')}"`)
          .join(' OR ')
      : null
  const visible = and(
    eq(suggestions.communityId, communityId),
    // A completed one too: if the problem is back, its supporters rate it 未解决 and it reopens,
    // which serves the street better than a second suggestion about the same lamp.
    inArray(suggestions.status, [...OPEN_STATUSES, 'completed']),
    isNull(suggestions.hiddenAt),
  )
  const nearby = [
    input.alleyId ? eq(suggestions.alleyId, input.alleyId) : undefined,
    input.category ? eq(suggestions.category, input.category) : undefined,
    anyWord && searchTerms(input.title + input.description).length > 0
      ? sql`${suggestions}.rowid IN (SELECT rowid FROM suggestions_fts WHERE suggestions_fts MATCH ${anyWord} LIMIT 200)`
      : undefined,
  ].filter(Boolean)
  if (nearby.length === 0) return { items: [] }
  const rows = await selectSummaries(db, { searchText: suggestions.searchText })
    .where(and(visible, or(...nearby)))
    .orderBy(desc(suggestions.updatedAt))
    .limit(60)
  const scored = rows
    .map((row) => {
      const shared = row.s.searchText.split(' ').filter((w) => words.has(w)).length
      const score =
        shared +
        (input.alleyId && row.s.alleyId === input.alleyId ? 3 : 0) +
        (input.category && row.s.category === input.category ? 2 : 0)
      return { row, score, shared }
    })
    // Same alley and category alone is a weak hint; require some shared words when text was typed.
    .filter(({ score, shared }) => score >= 3 && (words.size === 0 || shared > 0 || score >= 5))
    .sort((a, b) => b.score - a.score || b.row.s.supportCount - a.row.s.supportCount)
    .slice(0, 5)
  return { items: await Promise.all(scored.map(({ row }) => toSummary(row, photoSecret))) }
}
