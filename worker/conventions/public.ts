import { sql, type SQL } from 'drizzle-orm'
import type { BatchStatement } from '../lib/db'
import type { Db } from '../lib/env'
import { newId } from '../lib/ids'

// What other domains (today: meetings) may use of 微规约: labels to show, and the statement
// that records an outside decision on a convention's timeline (docs/architecture.md, "Layers").

export { STATUS_LABELS } from './transitions'

/** A decision taken elsewhere (a meeting's resolution) on the convention's timeline, when `condition` holds. */
export function outsideDecisionEventStatement(
  db: Db,
  conventionId: string,
  event: { actorUserId: string; body: string },
  condition: SQL,
  at: number,
): BatchStatement {
  return db.run(sql`INSERT INTO convention_events (id, convention_id, kind, actor_user_id, actor_role, body, created_at)
    SELECT ${newId()}, ${conventionId}, 'meeting_resolution', ${event.actorUserId}, 'committee', ${event.body}, ${at} WHERE ${condition}`)
}

/** The page a convention opens on in the mini-program. */
export { CONVENTION_PAGE } from './reminders'

/** What the home page (首页) shows of this domain, read in its one batch. */
export { openVotesReads, votesAwaiting, type OpenVote, type OpenVotesReads } from './to-dos'

/** For 楼组长 and 网格员 (worker/grid, decision 018): open votes in their buildings, who has not voted when allowed. */
export { notVotedHouseholds, openVotesInBuildings } from './leaders'

/** A convention as a viewer may see it (a draft is 404 to all but organisers): for its 公示 code. */
export { loadVisibleConvention } from './repo'

/**
 * A vote's turnout per building, from the meter's counters (decision 022): for the 楼组长 and
 * 网格员 views ("3号楼 还差 7 户"); `buildingTurnoutRead` is the same read for a readBatch.
 */
export { buildingTurnoutRead, turnoutByBuilding, type BuildingTurnout } from './turnout'
