// Response and request shapes of the identity and places API. They are not declared here but
// inferred from the worker's zod schemas (decision 003), imported as types only: a changed
// response shape fails the mini-program's typecheck instead of a resident's screen.
import type { z } from 'zod'
import type * as identity from '@worker/identity/schemas'
import type * as places from '@worker/places/schemas'

export type Role = z.infer<typeof identity.RoleSchema>

export type User = z.infer<typeof identity.UserSchema>
export type Household = z.infer<typeof identity.HouseholdSchema>
export type Residency = z.infer<typeof identity.ResidencySchema>
export type ResidencyRequest = z.infer<typeof identity.ResidencyRequestSchema>
export type ResidencyRequestStatus = ResidencyRequest['status']
export type Me = z.infer<typeof identity.MeSchema>

/** Pass `?cursor=…` for the next page (worker/lib/pagination.ts#pageSchema). */
export type Page<T> = { items: T[]; nextCursor: string | null }

export type Ok = { ok: true }

// --- auth ---------------------------------------------------------------------------------

export type Session = z.infer<typeof identity.SessionSchema>
export type DevUsers = z.infer<typeof identity.DevUsersSchema>
export type DevUser = DevUsers['users'][number]
export type DevLoginBody = z.input<typeof identity.DevLoginBody>

// --- privacy --------------------------------------------------------------------------------

export type PrivacyNotice = z.infer<typeof identity.PrivacyNoticeSchema>

// --- places ---------------------------------------------------------------------------------

export type StreetList = z.infer<typeof places.StreetListSchema>
export type CommunityList = z.infer<typeof places.CommunityListSchema>
export type Community = z.infer<typeof places.CommunitySchema>
export type Compound = Community['compounds'][number]
export type Building = Compound['buildings'][number]
export type Alley = Community['alleys'][number]
export type CentreSummary = Community['centres'][number]
export type Centre = z.infer<typeof places.CentreSchema>
export type Room = Centre['rooms'][number]

// --- residency ------------------------------------------------------------------------------

export type CreateResidencyRequestBody = z.input<typeof identity.CreateResidencyRequestBody>
export type StaffResidencyRequest = z.infer<typeof identity.StaffResidencyRequestSchema>
export type StaffHousehold = z.infer<typeof identity.StaffHouseholdSchema>
export type HouseholdResident = StaffHousehold['residents'][number]
export type InviteCode = z.infer<typeof identity.InviteCodeSchema>
export type Resident = z.infer<typeof identity.ResidentSchema>

// --- roles --------------------------------------------------------------------------------

export type RoleGrant = z.infer<typeof identity.RoleGrantSchema>
/** 邻里中心管理员, granted per centre (decision 020). */
export type CentreRoleGrant = z.infer<typeof identity.CentreRoleGrantSchema>

// --- my data (PIPL: see, export, delete) — GET /api/me/export, PATCH /api/me, DELETE /api/me ---

export type MyDataExport = z.infer<typeof identity.MyDataExportSchema>

// --- ownership (业主, decision 011): staff record it; the owner sees her own -------------------

export type OwnershipUnit = z.infer<typeof identity.OwnershipUnitSchema>
export type OwnershipList = z.infer<typeof identity.OwnershipListSchema>
export type Owner = z.infer<typeof identity.OwnerSchema>
export type OwnerProxy = z.infer<typeof identity.OwnerProxySchema>
export type MyOwnership = z.infer<typeof identity.MyOwnershipSchema>
export type RecordTitleBody = z.input<typeof identity.RecordTitleBody>
export type OwnerRef = RecordTitleBody['owners'][number]
export type RecordProxyBody = z.input<typeof identity.RecordProxyBody>
