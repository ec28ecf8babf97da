import { useRouter } from '@tarojs/taro'
import type { Me } from '@/api/types'
import { useSession } from '@/auth/session'
import {
  canGrantRoles,
  canManageResidents,
  canViewRolesAndAudit,
  pickStaffCommunity,
  rolesIn,
} from './permissions'

export type StaffContext =
  | { status: 'loading' }
  | { status: 'signed_out' }
  | { status: 'no_role' }
  | {
      status: 'ok'
      me: Me
      communityId: string
      communityName: string
      roles: ReturnType<typeof rolesIn>
      canManageResidents: boolean
      canViewRolesAndAudit: boolean
      canGrantRoles: boolean
    }

/** Who is using a staff page, for which community (`?communityId=`), and what they may do there. */
export function useStaff(): StaffContext {
  const { params } = useRouter()
  const { token, me } = useSession()
  if (token && !me) return { status: 'loading' }
  if (!token || !me) return { status: 'signed_out' }
  const communityId = pickStaffCommunity(me, params.communityId)
  if (!communityId) return { status: 'no_role' }
  return {
    status: 'ok',
    me,
    communityId,
    communityName: me.roles.find((r) => r.communityId === communityId)?.communityName ?? '',
    roles: rolesIn(me.roles, communityId),
    canManageResidents: canManageResidents(me.roles, communityId),
    canViewRolesAndAudit: canViewRolesAndAudit(me.roles, communityId),
    canGrantRoles: canGrantRoles(me.roles, communityId),
  }
}
