import { sql } from 'drizzle-orm'
import type { SuggestionCategory, SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import { csvDocument, type CsvCell } from '../lib/csv'
import { notFound } from '../lib/errors'
import { now, shanghaiDateTime } from '../lib/time'
import {
  averageRating,
  CATEGORY_LABELS,
  STATUS_LABELS,
  suggestionLink,
} from '../suggestions/public'
import { figuresOf, streetFiguresOf } from './figures-service'
import type { CommunityFigures, FigureSet, OpenSuggestion, StreetFigures } from './schemas'

// Open data (after FixMyStreet's and CONSUL's downloads): the figures and the published 金点子
// of a community, and the figures of a street, as JSON and as CSV. Stable ids (the records'
// own), one licence line, and nothing that names a person or a household: no author, no
// nickname or building label, no household, no supporter; photos only of public 金点子 (whose
// photo URLs are public anyway); hidden and unpublished 金点子 are left out.

export const LICENCE = {
  name: '知识共享 署名 4.0 国际许可协议（CC BY 4.0）',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
}

const attribution = (who: string) => `${who}，邻里 Linli 民事民评公开数据`

export function licenceOf(who: string) {
  return { ...LICENCE, attribution: attribution(who) }
}

function licenceLines(who: string, at: number): string[] {
  return [
    `许可：${LICENCE.name} ${LICENCE.url}；署名：${attribution(who)}`,
    `生成时间：${shanghaiDateTime(at)}（北京时间）；口径见 docs/metrics.md`,
  ]
}

const isoDate = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

// ——— figures ———

const FIGURE_HEADER = [
  '范围(scope)',
  '键(key)',
  '名称(label)',
  '收到金点子(received)',
  '响应率分子(response_numerator)',
  '响应率分母(response_denominator)',
  '响应率%(response_percent)',
  '解决率分子(resolution_numerator)',
  '解决率分母(resolution_denominator)',
  '解决率%(resolution_percent)',
  '满意率分子(satisfaction_numerator)',
  '满意率分母(satisfaction_denominator)',
  '满意率%(satisfaction_percent)',
  '答复天数中位数(median_days_to_answer)',
  '答复件数(answered)',
  '逾期未答复(overdue_now)',
]

function figureRow(
  scope: string,
  key: string,
  label: string,
  f: FigureSet,
  overdueNow: number | null = null,
): CsvCell[] {
  return [
    scope,
    key,
    label,
    f.received,
    f.response.numerator,
    f.response.denominator,
    f.response.percent,
    f.resolution.numerator,
    f.resolution.denominator,
    f.resolution.percent,
    f.satisfaction.numerator,
    f.satisfaction.denominator,
    f.satisfaction.percent,
    f.medianDaysToAnswer.days,
    f.medianDaysToAnswer.count,
    overdueNow,
  ]
}

export async function communityFiguresJson(db: Db, communityId: string) {
  const figures = await figuresOf(db, communityId)
  return {
    licence: licenceOf(`${figures.community.streetName}${figures.community.name}`),
    figures,
  }
}

/** One table: the window (scope "window"), each month, each category, each back alley. */
export async function communityFiguresCsv(db: Db, communityId: string) {
  const f: CommunityFigures = await figuresOf(db, communityId)
  const c = f.community
  const rows: CsvCell[][] = [
    figureRow(
      'window',
      `${f.window.fromMonth}/${f.window.toMonth}`,
      `${c.name} 近12个月`,
      f.headline,
      f.headline.overdueNow,
    ),
    ...f.monthly.map((m) => figureRow('month', m.month, m.month, m)),
    ...f.byCategory.map((k) => figureRow('category', k.key, k.label, k)),
    ...f.byAlley.map((a) => figureRow('alley', a.key, a.label, a)),
  ]
  return {
    body: csvDocument(FIGURE_HEADER, rows, licenceLines(`${c.streetName}${c.name}`, f.computedAt)),
    filename: `${c.name}-三率-${f.window.toMonth}.csv`,
  }
}

export async function streetFiguresJson(db: Db, streetId: string) {
  const figures = await streetFiguresOf(db, streetId)
  return { licence: licenceOf(figures.street.name), figures }
}

/** One row per community of the street, on the window's figures. */
export async function streetFiguresCsv(db: Db, streetId: string) {
  const f: StreetFigures = await streetFiguresOf(db, streetId)
  const rows = f.communities.map((c) =>
    figureRow('community', c.id, c.name, c.headline, c.headline.overdueNow),
  )
  return {
    body: csvDocument(FIGURE_HEADER, rows, licenceLines(f.street.name, f.computedAt)),
    filename: `${f.street.name}-三率-${f.window.toMonth}.csv`,
  }
}

// ——— published 金点子 ———

type Row = {
  id: string
  communityId: string
  title: string
  description: string
  category: SuggestionCategory
  alleyId: string | null
  alleyName: string | null
  status: SuggestionStatus
  mergedIntoId: string | null
  supportHouseholds: number
  createdAt: number
  thresholdReachedAt: number | null
  answerDueAt: number | null
  answeredAt: number | null
  ratingCount: number
  ratingSum: number
  photoIds: string | null
}

/** Published, not hidden 金点子 of the community, oldest first, with absolute URLs under `origin`. */
export async function openSuggestions(db: Db, communityId: string, origin: string) {
  const community = await db.get<{ id: string; name: string; streetName: string }>(sql`
    SELECT c.id, c.name, s.name AS streetName FROM communities c JOIN streets s ON s.id = c.street_id WHERE c.id = ${communityId}`)
  if (!community) throw notFound('社区')
  // Only the columns listed here leave the database: none of them names a person or household.
  const rows = await db.all<Row>(sql`
    SELECT s.id, s.community_id AS communityId, s.title, s.description, s.category, s.alley_id AS alleyId, a.name AS alleyName,
      s.status, s.merged_into_id AS mergedIntoId, s.support_household_count AS supportHouseholds,
      s.created_at AS createdAt, s.threshold_reached_at AS thresholdReachedAt, s.answer_due_at AS answerDueAt,
      s.answered_at AS answeredAt, s.rating_count AS ratingCount, s.rating_sum AS ratingSum,
      (SELECT json_group_array(p.id) FROM (SELECT id FROM suggestion_photos WHERE suggestion_id = s.id ORDER BY event_id IS NOT NULL, sort_order, id) p) AS photoIds
    FROM suggestions s LEFT JOIN alleys a ON a.id = s.alley_id
    WHERE s.community_id = ${communityId} AND s.status <> 'submitted' AND s.hidden_at IS NULL
    ORDER BY s.created_at, s.id`)
  const items: OpenSuggestion[] = rows.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    title: r.title,
    description: r.description,
    category: r.category,
    categoryLabel: CATEGORY_LABELS[r.category],
    alleyId: r.alleyId,
    alleyName: r.alleyName,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    mergedIntoId: r.mergedIntoId,
    supportHouseholds: r.supportHouseholds,
    createdAt: isoDate(r.createdAt)!,
    thresholdReachedAt: isoDate(r.thresholdReachedAt),
    answerDueAt: r.answeredAt === null ? isoDate(r.answerDueAt) : null,
    answeredAt: isoDate(r.answeredAt),
    ratingCount: r.ratingCount,
    ratingAverage: r.ratingCount > 0 ? averageRating(r.ratingSum, r.ratingCount) : null,
    // The public photo route serves photos of public 金点子 to anyone: these are only such.
    photoUrls: (JSON.parse(r.photoIds ?? '[]') as string[]).map(
      (id) => `${origin}/api/suggestion-photos/${id}`,
    ),
    url: `${origin}/#${suggestionLink(r.id)}`,
  }))
  return {
    licence: licenceOf(`${community.streetName}${community.name}`),
    generatedAt: new Date(now()).toISOString(),
    community,
    items,
  }
}

const SUGGESTION_HEADER = [
  'ID(id)',
  '社区(community_id)',
  '标题(title)',
  '内容(description)',
  '类别(category)',
  '类别名称(category_label)',
  '小巷(alley_id)',
  '小巷名称(alley_name)',
  '状态(status)',
  '状态名称(status_label)',
  '合并到(merged_into_id)',
  '附议户数(support_households)',
  '提交时间(created_at)',
  '达到答复门槛(threshold_reached_at)',
  '答复期限(answer_due_at)',
  '答复时间(answered_at)',
  '评价人数(rating_count)',
  '平均评分(rating_average)',
  '照片(photo_urls)',
  '链接(url)',
]

export async function openSuggestionsCsv(db: Db, communityId: string, origin: string) {
  const data = await openSuggestions(db, communityId, origin)
  const rows: CsvCell[][] = data.items.map((s) => [
    s.id,
    s.communityId,
    s.title,
    s.description,
    s.category,
    s.categoryLabel,
    s.alleyId,
    s.alleyName,
    s.status,
    s.statusLabel,
    s.mergedIntoId,
    s.supportHouseholds,
    s.createdAt,
    s.thresholdReachedAt,
    s.answerDueAt,
    s.answeredAt,
    s.ratingCount,
    s.ratingAverage,
    s.photoUrls.join(' '),
    s.url,
  ])
  const who = `${data.community.streetName}${data.community.name}`
  return {
    body: csvDocument(SUGGESTION_HEADER, rows, licenceLines(who, now())),
    filename: `${data.community.name}-金点子-${shanghaiDateTime(now()).slice(0, 10)}.csv`,
  }
}
