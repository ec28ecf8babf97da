import { and, asc, eq, gt } from 'drizzle-orm'
import { conventions, conventionVersions } from '../../db/schema'
import type { SessionUser } from '../lib/auth'
import type { Db } from '../lib/env'
import { mapRead, rowsRead, type Read } from '../lib/db'
import type { ConventionRow } from './repo'
import { viewerBallots } from './voting-service'

// Open votes on a person's home (首页, "what needs me"): the community's running votes (in the
// home's batch), then the ones where she still has a ballot to cast. Whether she has voted is
// known only through the ballot key (decision 006), so that part is the voting service's.

export type OpenVote = { id: string; title: string; closesAt: number }

/** A running vote as the home's batch reads it: the card, and the row the ballot check needs. */
export type OpenVoteRead = { vote: OpenVote; convention: ConventionRow }

export function openVotesRead(db: Db, communityId: string, at: number): Read<OpenVoteRead[]> {
  return mapRead(
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
        .where(
          and(
            eq(conventions.communityId, communityId),
            eq(conventions.status, 'voting'),
            gt(conventions.votingClosesAt, at),
          ),
        )
        .orderBy(asc(conventions.votingClosesAt))
        .limit(5),
    ),
    (rows) =>
      rows.map(({ convention, title }) => ({
        vote: { id: convention.id, title, closesAt: convention.votingClosesAt! },
        convention,
      })),
  )
}

/** Of these votes, the ones where I may still cast a ballot I have not cast. */
export async function votesAwaiting(
  db: Db,
  ballotSecret: string,
  user: SessionUser,
  votes: OpenVoteRead[],
): Promise<OpenVote[]> {
  const mine = await Promise.all(
    votes.map(async ({ vote, convention }) => {
      const { ballots } = await viewerBallots(db, ballotSecret, user, convention)
      return ballots.some((b) => !b.hasVoted) ? vote : null
    }),
  )
  return mine.filter((vote): vote is OpenVote => vote !== null)
}
