import { sql } from 'drizzle-orm'
import type { MeetingType, SuggestionMove, SuggestionStatus } from '../../db/schema'
import type { Db } from '../lib/env'
import { shanghaiDate } from '../lib/time'
import { formatHundredths } from '../lib/numbers'
import { averageRating, STATUS_LABELS as SUGGESTION_LABELS } from '../suggestions/public'
import { TYPE_LABELS } from '../meetings/public'
import type { RegisterEntry, RegisterStatus } from './schemas'

// The resolutions register (民事民决 held to account, after Decidim's accountability): every
// resolution of a published meeting and every 微规约 in force, with who carries it out, by
// when, and where it stands. The status is derived from the records each time, never stored:
//   done       a resolution whose 金点子 is now completed (or that decided not to adopt it),
//              or that an organiser marked done when no 金点子 carries it; a 微规约 in force
//   evaluated  done, and residents have rated it: the 金点子's 民事民评 of its current
//              completion, or a 评议会 item on the 微规约 since it came into force
//   overdue    not done and the due date (Shanghai) has passed
//   on_time    not done, due date today or later, or none set

export const STATUS_LABELS: Record<RegisterStatus, string> = {
  on_time: '按期推进',
  overdue: '已逾期',
  done: '已完成',
  evaluated: '已评价',
}

export const REGISTER_PAGE = '/packages/transparency/pages/register/index'
export const registerLink = (communityId: string, kind: string, id: string) =>
  `${REGISTER_PAGE}?communityId=${communityId}&entry=${kind}-${id}`

type ResolutionRow = {
  id: string
  communityId: string
  decision: string
  owner: string
  dueDate: string | null
  suggestionMove: SuggestionMove
  createdBy: string
  publishedAt: number
  itemTitle: string
  suggestionId: string | null
  meetingId: string
  meetingTitle: string
  meetingType: MeetingType
  startsAt: number
  suggestionTitle: string | null
  suggestionStatus: SuggestionStatus | null
  suggestionHiddenAt: number | null
  ratingCount: number | null
  ratingSum: number | null
  doneNote: string | null
  followers: number
}

/** A resolution with the account answerable for reminders (the organiser who published it). */
export type ResolutionEntry = RegisterEntry & { kind: 'resolution'; publishedBy: string }

function resolutionsQuery(communityId: string | null) {
  return sql`
    SELECT r.item_id AS id, m.community_id AS communityId, r.decision, r.owner, r.due_date AS dueDate,
      r.suggestion_move AS suggestionMove, r.created_by AS createdBy, r.created_at AS publishedAt,
      i.title AS itemTitle, i.suggestion_id AS suggestionId,
      m.id AS meetingId, m.title AS meetingTitle, m.type AS meetingType, m.starts_at AS startsAt,
      s.title AS suggestionTitle, s.status AS suggestionStatus, s.hidden_at AS suggestionHiddenAt,
      s.rating_count AS ratingCount, s.rating_sum AS ratingSum,
      d.note AS doneNote,
      (SELECT COUNT(*) FROM register_follows f WHERE f.kind = 'resolution' AND f.entry_id = r.item_id) AS followers
    FROM meeting_resolutions r
    JOIN meeting_agenda_items i ON i.id = r.item_id
    JOIN meetings m ON m.id = r.meeting_id
    LEFT JOIN suggestions s ON s.id = i.suggestion_id
    LEFT JOIN register_done_marks d ON d.item_id = r.item_id
    WHERE m.status = 'published' ${communityId === null ? sql`` : sql`AND m.community_id = ${communityId}`}
    ORDER BY r.created_at DESC, r.item_id`
}

function resolutionStatus(r: ResolutionRow, today: string): RegisterStatus {
  const carried = r.suggestionStatus
  const done =
    r.doneNote !== null ||
    carried === 'completed' ||
    (r.suggestionMove === 'not_adopt' && carried === 'not_adopted')
  if (done) return carried === 'completed' && Number(r.ratingCount) > 0 ? 'evaluated' : 'done'
  return r.dueDate !== null && r.dueDate < today ? 'overdue' : 'on_time'
}

function toResolutionEntry(r: ResolutionRow, today: string): ResolutionEntry {
  const status = resolutionStatus(r, today)
  const visibleCase =
    r.suggestionId !== null && r.suggestionStatus !== 'submitted' && r.suggestionHiddenAt === null
  return {
    kind: 'resolution',
    id: r.id,
    communityId: r.communityId,
    title: r.itemTitle,
    decision: r.decision,
    meeting: {
      id: r.meetingId,
      title: r.meetingTitle,
      typeLabel: TYPE_LABELS[r.meetingType],
      startsAt: r.startsAt,
    },
    owner: r.owner,
    dueDate: r.dueDate,
    status,
    statusLabel: STATUS_LABELS[status],
    // A hidden 金点子 is not named here: its title is the hidden content.
    linked: visibleCase
      ? {
          kind: 'suggestion',
          id: r.suggestionId!,
          title: r.suggestionTitle!,
          statusLabel: SUGGESTION_LABELS[r.suggestionStatus!],
        }
      : null,
    doneNote: r.doneNote,
    evaluation:
      status === 'evaluated'
        ? {
            count: Number(r.ratingCount),
            average: averageRating(Number(r.ratingSum), Number(r.ratingCount)),
          }
        : null,
    canMarkDone: r.suggestionId === null && r.doneNote === null,
    followers: Number(r.followers),
    publishedAt: r.publishedAt,
    publishedBy: r.createdBy,
  }
}

/** Resolutions of one community, or of every community (the reminders job). */
export async function resolutionEntries(
  db: Db,
  communityId: string | null,
  at: number,
): Promise<ResolutionEntry[]> {
  const rows = await db.all<ResolutionRow>(resolutionsQuery(communityId))
  const today = shanghaiDate(at)
  return rows.map((r) => toResolutionEntry(r, today))
}

type ConventionRow = {
  id: string
  communityId: string
  communityName: string
  title: string
  filingNumber: string | null
  filingDate: string | null
  filingAuthority: string | null
  inForceAt: number | null
  updatedAt: number
  ratings: number
  starsSum: number | null
  followers: number
}

export async function conventionEntries(db: Db, communityId: string): Promise<RegisterEntry[]> {
  const rows = await db.all<ConventionRow>(sql`
    SELECT c.id, c.community_id AS communityId, cm.name AS communityName,
      (SELECT v.title FROM convention_versions v WHERE v.convention_id = c.id AND v.version = COALESCE(c.voting_version, c.current_version)) AS title,
      c.filing_number AS filingNumber, c.filing_date AS filingDate, c.filing_authority AS filingAuthority,
      c.in_force_at AS inForceAt, c.updated_at AS updatedAt,
      (SELECT COUNT(*) FROM meeting_item_ratings mr JOIN meeting_agenda_items i ON i.id = mr.item_id JOIN meetings m ON m.id = i.meeting_id
        WHERE i.convention_id = c.id AND m.type = 'evaluation' AND m.status = 'published' AND mr.created_at >= COALESCE(c.in_force_at, 0)) AS ratings,
      (SELECT SUM(mr.stars) FROM meeting_item_ratings mr JOIN meeting_agenda_items i ON i.id = mr.item_id JOIN meetings m ON m.id = i.meeting_id
        WHERE i.convention_id = c.id AND m.type = 'evaluation' AND m.status = 'published' AND mr.created_at >= COALESCE(c.in_force_at, 0)) AS starsSum,
      (SELECT COUNT(*) FROM register_follows f WHERE f.kind = 'convention' AND f.entry_id = c.id) AS followers
    FROM conventions c JOIN communities cm ON cm.id = c.community_id
    WHERE c.community_id = ${communityId} AND c.status = 'in_force'
    ORDER BY c.in_force_at DESC, c.id`)
  return rows.map((c) => {
    const evaluated = Number(c.ratings) > 0
    const status: RegisterStatus = evaluated ? 'evaluated' : 'done'
    const filing = [c.filingAuthority, c.filingNumber].filter(Boolean).join(' ')
    return {
      kind: 'convention',
      id: c.id,
      communityId: c.communityId,
      title: c.title,
      decision: `居民表决通过${c.filingDate ? `，${c.filingDate} 备案` : ''}${filing ? `（${filing}）` : ''}，现行有效`,
      meeting: null,
      owner: `${c.communityName}议事会`,
      dueDate: null,
      status,
      statusLabel: evaluated ? '已评价' : '已生效',
      linked: { kind: 'convention', id: c.id, title: c.title, statusLabel: '已生效' },
      doneNote: null,
      evaluation: evaluated
        ? {
            count: Number(c.ratings),
            average: formatHundredths(Math.round((Number(c.starsSum) * 100) / Number(c.ratings))),
          }
        : null,
      canMarkDone: false,
      followers: Number(c.followers),
      publishedAt: c.inForceAt ?? c.updatedAt,
    }
  })
}

export function countByStatus(entries: Pick<RegisterEntry, 'status'>[]) {
  const counts = { on_time: 0, overdue: 0, done: 0, evaluated: 0 }
  for (const e of entries) counts[e.status]++
  return counts
}

/** The register of one community: resolutions (newest first), then 微规约 in force. */
export async function registerOf(db: Db, communityId: string, at: number) {
  const [resolutions, conventions] = await Promise.all([
    resolutionEntries(db, communityId, at),
    conventionEntries(db, communityId),
  ])
  const items: RegisterEntry[] = [
    ...resolutions.map(({ publishedBy: _, ...entry }) => entry),
    ...conventions,
  ]
  return { items, counts: countByStatus(items) }
}
