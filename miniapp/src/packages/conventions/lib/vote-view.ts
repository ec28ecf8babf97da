import type { ConventionDetail } from '@/packages/conventions/api'

// Which ballot the vote page shows. Under the Civil Code rules a person may cast more than one:
// her own as an owner and one for each owner whose written 委托 she holds.

export type ViewerBallot = ConventionDetail['viewer']['ballots'][number]

/** The ballot to offer first: the first one not cast yet, else the first. */
export function defaultBallot(ballots: ViewerBallot[]): ViewerBallot | null {
  return ballots.find((b) => !b.hasVoted) ?? ballots[0] ?? null
}

/** The ballot the person picked, if it is still one she may cast; else the default one. */
export function ballotFor(ballots: ViewerBallot[], voter: string | null): ViewerBallot | null {
  return ballots.find((b) => b.voter === voter) ?? defaultBallot(ballots)
}
