import { and, asc, eq, sql } from 'drizzle-orm'
import { conventions, conventionVersions } from '../../db/schema'
import type { Db } from '../lib/env'
import { mapRead, rowsRead, type Read } from '../lib/db'
import type { ConventionRow } from './repo'
import { viewerBallots } from './voting-service'
import { viewerRollReads, viewerRollsOf, type ViewerRollReads } from './viewer-roll'

// Open votes on a person's home (首页, "what needs me"): the community's running votes and where
// she stands on their rolls (in the home's batch), then the ones where she still has a ballot to
// cast. Whether she has voted is known only through the ballot key (decision 006), so that part
// is the voting service's: one query for all the running votes.

export type OpenVote = { id: string; title: string; closesAt: number }

/** A running vote as the home's batch reads it: the card, and the row the ballot check needs. */
type OpenVoteRow = { vote: OpenVote; convention: ConventionRow }

/** The reads of the home's batch: the running votes (up to 5, closing first) and her rolls. */
export type OpenVotesReads = [Read<OpenVoteRow[]>, ...ViewerRollReads]

export function openVotesReads(
  db: Db,
  userId: string,
  communityId: string,
  at: number,
): OpenVotesReads {
  const running = sql`(SELECT id FROM ${conventions}
    WHERE community_id = ${communityId} AND status = 'voting' AND voting_closes_at > ${at}
    ORDER BY voting_closes_at LIMIT 5)`
  return [
    mapRead(
      rowsRead(
        db
          .select({ convention: conventions, title: conventionVersions.title })
          .from(conventions)
          .innerJoin(
            conventionVersions,
            and(
              eq(conventionVersions.conventionId, conventions.id),
              eq(conventionVersions.version, conventions.votingVersion),
            ),
          )
          .where(sql`${conventions.id} IN ${running}`)
          .orderBy(asc(conventions.votingClosesAt)),
      ),
      (rows) =>
        rows.map(({ convention, title }) => ({
          vote: { id: convention.id, title, closesAt: convention.votingClosesAt! },
          convention,
        })),
    ),
    ...viewerRollReads(db, userId, { ids: running, communityId }, at),
  ]
}

/** Of the running votes (the answers of openVotesReads), the ones where I still have a ballot to cast. */
export async function votesAwaiting(
  db: Db,
  ballotSecret: string,
  userId: string,
  [votes, ...rollRows]: [OpenVoteRow[], ...Record<string, unknown>[][]],
): Promise<OpenVote[]> {
  if (votes.length === 0) return []
  const rollOf = viewerRollsOf(rollRows)
  const mine = await viewerBallots(
    db,
    ballotSecret,
    userId,
    votes.map(({ convention }) => ({ c: convention, roll: rollOf(convention.id) })),
  )
  return votes.filter((_, i) => mine[i]!.ballots.some((b) => !b.hasVoted)).map(({ vote }) => vote)
}
