import { eq } from 'drizzle-orm'
import {
  conventionComments,
  conventionEvents,
  conventionPledges,
  conventionRoll,
  conventionRollOwners,
  conventionRollUnits,
  conventions,
  conventionVersions,
} from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/**
 * 微规约 about one person. Ballots are not linked to people (docs/ballot-secrecy.md), so they
 * cannot be part of the export: the receipt is the voter's proof. The roll of a closed vote
 * (households, keyed voters; under an owners roll also its units and owner ids, decision 011)
 * is the vote's record and stays; comments and pledges stay signed by
 * the anonymous account row; drafts, versions and events name the committee member who acted.
 */
export const conventionsPersonalData: PersonalData = {
  domain: 'conventions',
  tables: [
    conventionComments,
    conventionPledges,
    conventionRoll,
    conventionRollUnits,
    conventionRollOwners,
    conventions,
    conventionVersions,
    conventionEvents,
  ],
  async exportOf(db, userId) {
    const [comments, pledges] = await Promise.all([
      db
        .select({
          conventionId: conventionComments.conventionId,
          version: conventionComments.version,
          article: conventionComments.article,
          body: conventionComments.body,
          createdAt: conventionComments.createdAt,
        })
        .from(conventionComments)
        .where(eq(conventionComments.authorUserId, userId)),
      db
        .select({
          conventionId: conventionPledges.conventionId,
          createdAt: conventionPledges.createdAt,
        })
        .from(conventionPledges)
        .where(eq(conventionPledges.userId, userId)),
    ])
    return {
      conventions: {
        comments,
        pledges,
        ballots: '投票内容保密，不与个人关联，因此不在导出之列；请以投票回执核对。',
      },
    }
  },
  async forgetStatements() {
    return []
  },
}
