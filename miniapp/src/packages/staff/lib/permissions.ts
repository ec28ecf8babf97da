import type { Me, Role } from '@/api/types'

// Which staff screens a person may open, mirroring the API's rules (the API still decides:
// a FORBIDDEN answer is shown as 无权限 wherever it happens).

export type RoleEntry = Me['roles'][number]

export function rolesIn(roles: RoleEntry[], communityId: string): Role[] {
  return roles.filter((r) => r.communityId === communityId).map((r) => r.role)
}

export function canManageResidents(roles: RoleEntry[], communityId: string): boolean {
  return rolesIn(roles, communityId).includes('staff')
}

export function canViewRolesAndAudit(roles: RoleEntry[], communityId: string): boolean {
  const mine = rolesIn(roles, communityId)
  return mine.includes('staff') || mine.includes('admin')
}

export function canGrantRoles(roles: RoleEntry[], communityId: string): boolean {
  return rolesIn(roles, communityId).includes('admin')
}

/** Communities where the person holds any role, each once, in the order the API lists them. */
export function staffCommunities(roles: RoleEntry[]): { id: string; name: string }[] {
  const seen = new Map<string, string>()
  for (const r of roles) if (!seen.has(r.communityId)) seen.set(r.communityId, r.communityName)
  return [...seen].map(([id, name]) => ({ id, name }))
}

/**
 * The community a staff page works on: the one asked for if the person holds a role there,
 * else their current community if they hold a role there, else the first one they hold.
 */
export function pickStaffCommunity(
  me: Pick<Me, 'roles' | 'user'>,
  requested?: string,
): string | null {
  const ids = staffCommunities(me.roles).map((c) => c.id)
  if (requested && ids.includes(requested)) return requested
  if (me.user.currentCommunityId && ids.includes(me.user.currentCommunityId))
    return me.user.currentCommunityId
  return ids[0] ?? null
}
