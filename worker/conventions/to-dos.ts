import { sql } from 'drizzle-orm'
import type { SessionUser } from '../lib/auth'
import type { Db } from '../lib/env'
import type { Read } from '../lib/db'
import { loadConvention } from './repo'
import { viewerBallots } from './voting-service'

// Open votes on a person's home (首页, "what needs me"): the community's running votes (in the
// home's batch), then the ones where she still has a ballot to cast. Whether she has voted is
// known only through the ballot key (decision 006), so that part is the voting service's.

export type OpenVote = { id: string; title: string; closesAt: number }

export function openVotesRead(db: Db, communityId: string, at: number): Read<OpenVote[]> {
  return {
    statement: db.all(sql`
      SELECT c.id, c.voting_closes_at AS closesAt,
             (SELECT v.title FROM convention_versions v WHERE v.convention_id = c.id AND v.version = c.voting_version) AS title
      FROM conventions c
      WHERE c.community_id = ${communityId} AND c.status = 'voting' AND c.voting_closes_at > ${at}
      ORDER BY c.voting_closes_at LIMIT 5`),
    map: (rows) =>
      rows.map((r) => ({ id: String(r.id), title: String(r.title), closesAt: Number(r.closesAt) })),
  }
}

/** Of these votes, the ones where I may still cast a ballot I have not cast. */
export async function votesAwaiting(
  db: Db,
  ballotSecret: string,
  user: SessionUser,
  votes: OpenVote[],
): Promise<OpenVote[]> {
  const mine = await Promise.all(
    votes.map(async (vote) => {
      const { ballots } = await viewerBallots(
        db,
        ballotSecret,
        user,
        await loadConvention(db, vote.id),
      )
      return ballots.some((b) => !b.hasVoted) ? vote : null
    }),
  )
  return mine.filter((vote): vote is OpenVote => vote !== null)
}
