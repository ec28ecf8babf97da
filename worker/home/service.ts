import { requireUser, type SessionUser } from '../lib/auth'
import { readBatch } from '../lib/db'
import type { Db } from '../lib/env'
import { DAY, now } from '../lib/time'
import { requestsWaitingRead } from '../identity/to-dos'
import { suggestionNewsRead } from '../inbox/to-dos'
import { staffQueueRead } from '../suggestions/public'
import { openVotesReads, votesAwaiting } from '../conventions/public'
import { bookingsToApproveRead, myNextBookingsRead } from '../bookings/public'
import { myNextMeetingsRead } from '../meetings/public'
import type { Home } from './schemas'

// 首页, "what needs me": one request, and its reads in one batch (one round trip), each domain
// contributing its own SELECTs (its to-dos.ts); then, only when votes are running, whether I still
// have a ballot in them (the ballot keys are the voting service's to compute: one query).

/** How far ahead the home looks for my meetings and bookings. */
export const HOME_DAYS_AHEAD = 7

export async function homeOf(
  db: Db,
  ballotSecret: string,
  actor: SessionUser | null,
  requested: string | undefined,
): Promise<Home> {
  const user = requireUser(actor)
  const communityId = requested ?? user.currentCommunityId ?? null
  const at = now()
  const until = at + HOME_DAYS_AHEAD * DAY
  // Without a community the community's reads simply find nothing (no row has community '').
  const community = communityId ?? ''
  const [meetings, bookings, news, bookingsToApprove, queue, requests, ...openVotes] =
    await readBatch(db, [
      myNextMeetingsRead(db, user.id, at, until),
      myNextBookingsRead(db, user.id, at, until),
      suggestionNewsRead(db, user.id),
      bookingsToApproveRead(db, user.id, at),
      staffQueueRead(db, user.id, community, at),
      requestsWaitingRead(db, user.id, community),
      ...openVotesReads(db, user.id, community, at),
    ])
  return {
    communityId,
    votes: await votesAwaiting(db, ballotSecret, user.id, openVotes),
    meetings,
    bookings,
    news,
    staff: queue && requests !== null ? { ...queue, residencyRequests: requests } : null,
    bookingsToApprove,
  }
}
