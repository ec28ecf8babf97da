import { and, eq, gt, lte, sql } from 'drizzle-orm'
import { conventions } from '../../db/schema'
import type { Db } from '../lib/env'
import { runBatch } from '../lib/db'
import { DAY, now, shanghaiSpoken } from '../lib/time'
import { notifySelectStatement } from '../inbox/notify'

export const CONVENTION_PAGE = '/packages/conventions/pages/detail/index'

/**
 * "表决即将截止": once per vote, within its last 24 hours, everyone on the roll is told (by the
 * cron). Everyone — not only those who have not voted — so that the reminder reveals nothing
 * about who voted (docs/ballot-secrecy.md). Running again tells nobody twice.
 */
export async function remindClosingVotes(db: Db, at = now()) {
  const closing = await db
    .select({
      id: conventions.id,
      rule: conventions.rule,
      representativeOnly: conventions.representativeOnly,
      closesAt: conventions.votingClosesAt,
      title: sql<string>`(SELECT v.title FROM convention_versions v WHERE v.convention_id = ${conventions.id} AND v.version = ${conventions.votingVersion})`,
    })
    .from(conventions)
    .where(
      and(
        eq(conventions.status, 'voting'),
        gt(conventions.votingClosesAt, at),
        lte(conventions.votingClosesAt, at + DAY),
      ),
    )
  for (const c of closing) {
    const link = `${CONVENTION_PAGE}?id=${c.id}`
    const onRoll =
      c.rule === 'simple'
        ? sql`SELECT substr(voter_key, 3) AS user_id FROM convention_roll WHERE convention_id = ${c.id}`
        : sql`SELECT r.user_id FROM convention_roll cr JOIN residencies r ON r.household_id = cr.household_id AND r.status = 'verified'
          WHERE cr.convention_id = ${c.id} ${c.representativeOnly ? sql`AND r.is_representative = 1` : sql``}`
    await runBatch(db, [
      notifySelectStatement(
        db,
        sql`
      SELECT user_id FROM (${onRoll}) AS roll
      WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = roll.user_id AND n.kind = 'convention.closing' AND n.link = ${link})`,
        {
          kind: 'convention.closing',
          title: '微规约表决即将截止',
          body: `“${c.title}”的表决将于 ${shanghaiSpoken(c.closesAt!)} 截止。还没有表决的，请在截止前表决。`,
          link,
          subject: c.title,
          at: c.closesAt!,
        },
        at,
      ),
    ])
  }
}
