import { and, desc, eq, sql } from 'drizzle-orm'
import { registerDoneMarks, registerFollows, type RegisterKind } from '../../db/schema'
import type { Db } from '../lib/env'
import { auditIfChangedStatement } from '../lib/audit'
import { requireUser, type SessionUser } from '../lib/auth'
import { runBatch } from '../lib/db'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { DAY, now, shanghaiDate } from '../lib/time'
import { assertMeetingOrganiserOf } from '../identity/authz'
import { notifySelectStatement } from '../inbox/notify'
import { conventionEntries, registerLink, resolutionEntries } from './register'
import type { RegisterEntry } from './schemas'

// Following a register entry, marking a resolution done, and the reminders the cron sends.

type Actor = SessionUser | null

/** Days before the due date when the owner is first reminded. */
export const REMIND_DAYS_BEFORE = 3

/** One entry as the public register shows it (404 when it is not in the register). */
async function loadEntry(db: Db, kind: RegisterKind, id: string, at = now()) {
  const communityId = await communityOfEntry(db, kind, id)
  if (!communityId) throw notFound('登记事项')
  const entries =
    kind === 'resolution'
      ? await resolutionEntries(db, communityId, at)
      : await conventionEntries(db, communityId)
  const entry = entries.find((e) => e.id === id)
  if (!entry) throw notFound('登记事项')
  // Who published a resolution is for the reminders, not for the public answer.
  const { publishedBy: _, ...shown } = entry as RegisterEntry & { publishedBy?: string }
  return shown
}

/** The community of a published resolution or of a 微规约 in force, or null. */
async function communityOfEntry(db: Db, kind: RegisterKind, id: string) {
  const row =
    kind === 'resolution'
      ? await db.get<{ communityId: string }>(sql`
          SELECT m.community_id AS communityId FROM meeting_resolutions r JOIN meetings m ON m.id = r.meeting_id
          WHERE r.item_id = ${id} AND m.status = 'published'`)
      : await db.get<{ communityId: string }>(sql`
          SELECT community_id AS communityId FROM conventions WHERE id = ${id} AND status = 'in_force'`)
  return row?.communityId ?? null
}

/** 关注: anyone signed in may follow an entry to hear when it is overdue, done or evaluated. */
export async function follow(db: Db, actor: Actor, kind: RegisterKind, id: string) {
  const user = requireUser(actor)
  await loadEntry(db, kind, id)
  await db
    .insert(registerFollows)
    .values({ kind, entryId: id, userId: user.id, createdAt: now() })
    .onConflictDoNothing()
  return followState(db, kind, id, true)
}

export async function unfollow(db: Db, actor: Actor, kind: RegisterKind, id: string) {
  const user = requireUser(actor)
  await loadEntry(db, kind, id)
  await db
    .delete(registerFollows)
    .where(
      and(
        eq(registerFollows.kind, kind),
        eq(registerFollows.entryId, id),
        eq(registerFollows.userId, user.id),
      ),
    )
  return followState(db, kind, id, false)
}

async function followState(db: Db, kind: RegisterKind, id: string, following: boolean) {
  const row = await db.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM register_follows WHERE kind = ${kind} AND entry_id = ${id}`,
  )
  return { following, followers: Number(row?.n ?? 0) }
}

export async function myFollows(db: Db, actor: Actor) {
  const user = requireUser(actor)
  const rows = await db
    .select({ kind: registerFollows.kind, entryId: registerFollows.entryId })
    .from(registerFollows)
    .where(eq(registerFollows.userId, user.id))
    .orderBy(desc(registerFollows.createdAt))
  return { items: rows }
}

/**
 * An organiser marks a resolution done that no 金点子 carries (one linked to a 金点子 is done
 * when the 金点子 is completed, through its own case file). Once, with what was done; the
 * followers are told in the same batch.
 */
export async function markDone(db: Db, actor: Actor, itemId: string, note: string) {
  const entry = await loadEntry(db, 'resolution', itemId)
  const organiser = await assertMeetingOrganiserOf(db, actor, entry.communityId)
  if (!entry.canMarkDone) {
    if (entry.status === 'done' || entry.status === 'evaluated')
      throw new AppError('CONFLICT', '这项决议已经标记为完成')
    throw new AppError(
      'INVALID_STATE',
      '这项决议关联了金点子，请在金点子里发布完工进展，完成后这里会自动更新',
    )
  }
  const at = now()
  const link = registerLink(entry.communityId, 'resolution', itemId)
  // The audit row is written only if this request's mark landed (of two organisers at once, one
  // wins); its id tells this request, and the followers' notice, whether it did.
  const auditId = newId()
  const landed = sql`EXISTS (SELECT 1 FROM audit_log WHERE id = ${auditId})`
  await runBatch(db, [
    db
      .insert(registerDoneMarks)
      .values({
        itemId,
        communityId: entry.communityId,
        note,
        markedBy: organiser.id,
        createdAt: at,
      })
      .onConflictDoNothing(),
    auditIfChangedStatement(
      db,
      {
        communityId: entry.communityId,
        actorUserId: organiser.id,
        action: 'register.mark_done',
        targetType: 'meeting_resolution',
        targetId: itemId,
        after: { note },
      },
      auditId,
    ),
    notifySelectStatement(
      db,
      sql`SELECT user_id FROM register_follows WHERE kind = 'resolution' AND entry_id = ${itemId} AND user_id <> ${organiser.id} AND ${landed}`,
      {
        kind: 'register.done',
        title: '您关注的决议已完成',
        body: `“${entry.title}”：${note}`,
        link,
      },
      at,
    ),
  ])
  const won = await db.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM audit_log WHERE id = ${auditId}`,
  )
  if (!Number(won?.n)) throw new AppError('CONFLICT', '这项决议刚刚已被标记为完成')
  return loadEntry(db, 'resolution', itemId)
}

/** "Nobody told twice": people who already received this kind of notice for this entry. */
const notToldYet = (kind: string, link: string) =>
  sql`NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = who.user_id AND n.kind = ${kind} AND n.link = ${link})`

function noticeTo(
  db: Db,
  people: ReturnType<typeof sql>,
  notice: { kind: string; title: string; body: string; link: string },
  at: number,
) {
  return notifySelectStatement(
    db,
    sql`SELECT user_id FROM (${people}) AS who WHERE ${notToldYet(notice.kind, notice.link)}`,
    notice,
    at,
  )
}

const followersOf = (kind: RegisterKind, id: string) =>
  sql`SELECT user_id FROM register_follows WHERE kind = ${kind} AND entry_id = ${id}`

/**
 * The cron's part (every 5 minutes; each notice goes once):
 * - the organiser who published a resolution with a due date is reminded from
 *   REMIND_DAYS_BEFORE days before it, and again once it has passed while not done;
 * - its followers hear when it becomes overdue, done or evaluated (a 微规约's, when evaluated).
 * The owner as written ("街道城管科") may be no account of the app: the organiser who wrote the
 * resolution answers for it in the app.
 */
export async function remindRegister(db: Db, at = now()): Promise<void> {
  const today = shanghaiDate(at)
  const soon = shanghaiDate(at + REMIND_DAYS_BEFORE * DAY)
  const entries = await resolutionEntries(db, null, at)
  const statements = []
  for (const e of entries) {
    const link = registerLink(e.communityId, 'resolution', e.id)
    const owner = sql`SELECT ${e.publishedBy} AS user_id`
    if (e.status === 'on_time' && e.dueDate !== null && e.dueDate >= today && e.dueDate <= soon) {
      statements.push(
        noticeTo(
          db,
          owner,
          {
            kind: 'register.due_soon',
            title: '决议即将到期',
            body: `“${e.title}”的完成期限是 ${e.dueDate}（责任人：${e.owner}）。完成后请在金点子里发布完工进展，或在决议台账里标记完成。`,
            link,
          },
          at,
        ),
      )
    }
    if (e.status === 'overdue') {
      statements.push(
        noticeTo(
          db,
          owner,
          {
            kind: 'register.overdue_owner',
            title: '决议已逾期',
            body: `“${e.title}”已超过完成期限 ${e.dueDate}（责任人：${e.owner}），决议台账已显示为逾期。请尽快推进，或在会议上说明原因。`,
            link,
          },
          at,
        ),
        noticeTo(
          db,
          followersOf('resolution', e.id),
          {
            kind: 'register.overdue',
            title: '您关注的决议已逾期',
            body: `“${e.title}”已超过完成期限 ${e.dueDate}（责任人：${e.owner}）。`,
            link,
          },
          at,
        ),
      )
    }
    statements.push(...followerNews(db, e, link, at))
  }
  const communities = await db.all<{ id: string }>(
    sql`SELECT DISTINCT community_id AS id FROM conventions WHERE status = 'in_force'`,
  )
  for (const { id } of communities) {
    for (const e of await conventionEntries(db, id))
      statements.push(...followerNews(db, e, registerLink(id, 'convention', e.id), at))
  }
  // Each statement is idempotent (notToldYet), so a partly failed run is simply repeated.
  for (let i = 0; i < statements.length; i += 50) await runBatch(db, statements.slice(i, i + 50))
}

/** Done and evaluated, told to the entry's followers once each. */
function followerNews(db: Db, e: RegisterEntry, link: string, at: number) {
  const out = []
  if (e.kind === 'resolution' && (e.status === 'done' || e.status === 'evaluated'))
    out.push(
      noticeTo(
        db,
        followersOf(e.kind, e.id),
        {
          kind: 'register.done',
          title: '您关注的决议已完成',
          body: `“${e.title}”${e.doneNote ? `：${e.doneNote}` : '已完成。'}`,
          link,
        },
        at,
      ),
    )
  if (e.status === 'evaluated')
    out.push(
      noticeTo(
        db,
        followersOf(e.kind, e.id),
        {
          kind: 'register.evaluated',
          title: '您关注的事项有了居民评价',
          body: `“${e.title}”：${e.evaluation!.count} 人评价，平均 ${e.evaluation!.average} 分。`,
          link,
        },
        at,
      ),
    )
  return out
}
