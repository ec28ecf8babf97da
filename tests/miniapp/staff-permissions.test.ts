import { describe, expect, it } from 'vitest'
import type { Me } from '@/api/types'
import {
  canGrantRoles,
  canManageResidents,
  canViewRolesAndAudit,
  pickStaffCommunity,
  staffCommunities,
  type RoleEntry,
} from '@/packages/staff/lib/permissions'

const huaishu = { communityId: 'cm-huaishu', communityName: '槐树社区' }
const fengqiao = { communityId: 'cm-fengqiao', communityName: '枫桥社区' }
const roles: RoleEntry[] = [
  { ...huaishu, role: 'admin' },
  { ...huaishu, role: 'staff' },
  { ...fengqiao, role: 'committee' },
]

describe('staff permissions', () => {
  it('lets staff manage residents only in their own community', () => {
    expect(canManageResidents(roles, 'cm-huaishu')).toBe(true)
    expect(canManageResidents(roles, 'cm-fengqiao')).toBe(false)
  })

  it('lets staff or admins see roles and the audit log, but only admins grant roles', () => {
    expect(canViewRolesAndAudit([{ ...huaishu, role: 'admin' }], 'cm-huaishu')).toBe(true)
    expect(canViewRolesAndAudit([{ ...huaishu, role: 'planner' }], 'cm-huaishu')).toBe(false)
    expect(canGrantRoles([{ ...huaishu, role: 'staff' }], 'cm-huaishu')).toBe(false)
    expect(canGrantRoles(roles, 'cm-huaishu')).toBe(true)
  })

  it('lists each community once', () => {
    expect(staffCommunities(roles)).toEqual([
      { id: 'cm-huaishu', name: '槐树社区' },
      { id: 'cm-fengqiao', name: '枫桥社区' },
    ])
  })
})

describe('pickStaffCommunity', () => {
  const user = (currentCommunityId: string | null): Me['user'] => ({
    id: 'u',
    nickname: '赵书记',
    consentVersion: '1',
    currentCommunityId,
  })

  it('honours the requested community only where the person holds a role', () => {
    expect(pickStaffCommunity({ roles, user: user(null) }, 'cm-fengqiao')).toBe('cm-fengqiao')
    expect(pickStaffCommunity({ roles, user: user(null) }, 'cm-elsewhere')).toBe('cm-huaishu')
  })

  it('prefers the current community, then the first one held', () => {
    expect(pickStaffCommunity({ roles, user: user('cm-fengqiao') })).toBe('cm-fengqiao')
    expect(pickStaffCommunity({ roles, user: user('cm-elsewhere') })).toBe('cm-huaishu')
  })

  it('gives nothing to someone without any role', () => {
    expect(pickStaffCommunity({ roles: [], user: user('cm-huaishu') }, 'cm-huaishu')).toBeNull()
  })
})
