// Response and request shapes of the identity and places API, exactly as in
// docs/api-identity.md. This is the only file that declares them: it is meant to be replaced by
// type-only imports of the worker's zod-inferred types (worker/identity/schemas.ts,
// worker/places/schemas.ts) without touching any page.

export type Role = 'staff' | 'committee' | 'planner' | 'centre_manager' | 'admin'

export type User = {
  id: string
  nickname: string
  consentVersion: string | null
  currentCommunityId: string | null
}

export type Household = {
  id: string
  compoundName: string
  buildingName: string
  unit: string
  room: string
  /** "梧桐苑 3号楼 2单元 301室" */
  label: string
  /** "89.50" */
  floorAreaM2: string
}

export type Residency = {
  id: string
  communityId: string
  communityName: string
  household: Household
  isRepresentative: boolean
  /** UTC ms */
  verifiedAt: number
  via: 'invite_code' | 'request'
}

export type ResidencyRequestStatus = 'pending' | 'approved' | 'rejected'

export type ResidencyRequest = {
  id: string
  communityId: string
  communityName: string
  buildingId: string
  buildingName: string
  unit: string
  room: string
  realName: string
  note: string | null
  status: ResidencyRequestStatus
  rejectReason: string | null
  createdAt: number
  decidedAt: number | null
}

export type Me = {
  user: User
  currentCommunity: { id: string; name: string; streetName: string } | null
  residencies: Residency[]
  roles: { communityId: string; communityName: string; role: Role }[]
  residencyRequests: ResidencyRequest[]
}

/** Pass `?cursor=…` for the next page. */
export type Page<T> = { items: T[]; nextCursor: string | null }

export type Ok = { ok: true }

// --- auth ---------------------------------------------------------------------------------

export type Session = { token: string; expiresAt: number; user: User }
export type DevUser = { key: string; nickname: string; description: string }
export type DevUsers = { users: DevUser[] }
export type DevLoginBody = { demoUser: string } | { openid: string }

// --- privacy --------------------------------------------------------------------------------

export type PrivacyNotice = { version: string; title: string; paragraphs: string[] }

// --- places ---------------------------------------------------------------------------------

export type StreetList = {
  items: { id: string; name: string; district: string; communities: { id: string; name: string }[] }[]
}

export type CommunityList = { items: { id: string; name: string; streetId: string; streetName: string }[] }

export type Building = { id: string; name: string; units: string[] }
export type Compound = { id: string; name: string; buildings: Building[] }
export type Alley = { id: string; name: string; description: string }
export type CentreSummary = { id: string; name: string; address: string }

export type Community = {
  id: string
  name: string
  streetName: string
  compounds: Compound[]
  alleys: Alley[]
  centres: CentreSummary[]
}

export type Room = { id: string; name: string; capacity: number; facilities: string[] }

export type Centre = { id: string; name: string; address: string; openingNote: string; rooms: Room[] }

// --- residency ------------------------------------------------------------------------------

export type CreateResidencyRequestBody = {
  communityId: string
  buildingId: string
  unit: string
  room: string
  realName: string
  note?: string
}

export type StaffResidencyRequest = ResidencyRequest & { user: { id: string; nickname: string } }

export type HouseholdResident = {
  residencyId: string
  userId: string
  /** null when the resident joined by invite code and never gave a name */
  realName: string | null
  nickname: string
  isRepresentative: boolean
}

export type StaffHousehold = Household & {
  residents: HouseholdResident[]
  openInvite: { expiresAt: number } | null
}

export type InviteCode = { householdId: string; householdLabel: string; code: string; expiresAt: number }

export type Resident = {
  residencyId: string
  userId: string
  realName: string | null
  nickname: string
  household: Household
  isRepresentative: boolean
  verifiedAt: number
  via: 'invite_code' | 'request'
}

// --- roles and audit ------------------------------------------------------------------------

export type RoleGrant = {
  id: string
  userId: string
  nickname: string
  realName: string | null
  role: Role
  grantedAt: number
}

export type AuditEntry = {
  id: string
  actor: { id: string; nickname: string }
  action: string
  targetType: string
  targetId: string
  before: unknown
  after: unknown
  createdAt: number
}

// --- my data (PIPL: see, export, delete) — GET /api/me/export, PATCH /api/me, DELETE /api/me ---

export type MyDataExport = {
  exportedAt: number
  account: User & { openid: string; createdAt: number }
  privacyConsents: { version: string; acceptedAt: number }[]
  residencies: {
    id: string
    householdId: string
    status: 'verified' | 'revoked'
    realName: string | null
    verifiedAt: number
    revokedAt: number | null
    revokeReason: string | null
  }[]
  residencyRequests: ResidencyRequest[]
  roles: Me['roles']
}
