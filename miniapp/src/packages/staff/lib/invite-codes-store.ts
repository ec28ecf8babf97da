import type { InviteCode } from '@/api/types'

// Invite codes are shown once (the API keeps only their hashes), so the list travels from the
// households page to the print page in memory, never in storage or a URL.
export type IssuedInviteCodes = {
  communityName: string
  buildingName: string
  items: InviteCode[]
  issuedAt: number
}

let latest: IssuedInviteCodes | null = null

export function keepIssuedCodes(codes: IssuedInviteCodes): void {
  latest = codes
}

export function issuedCodes(): IssuedInviteCodes | null {
  return latest
}
