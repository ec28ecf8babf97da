import { eq } from 'drizzle-orm'
import { conventionComments, conventionPledges } from '../../db/schema'
import type { Db } from '../lib/env'

/**
 * Everything of one person in 微规约, for their data export (PIPL). Ballots are not linked to
 * people (docs/ballot-secrecy.md), so they cannot be part of it: the receipt is the voter's proof.
 */
export async function conventionDataOf(db: Db, userId: string) {
  const [comments, pledges] = await Promise.all([
    db.select({ conventionId: conventionComments.conventionId, version: conventionComments.version, article: conventionComments.article, body: conventionComments.body, createdAt: conventionComments.createdAt })
      .from(conventionComments).where(eq(conventionComments.authorUserId, userId)),
    db.select({ conventionId: conventionPledges.conventionId, createdAt: conventionPledges.createdAt }).from(conventionPledges).where(eq(conventionPledges.userId, userId)),
  ])
  return { comments, pledges, ballots: '投票内容保密，不与个人关联，因此不在导出之列；请以投票回执核对。' }
}
