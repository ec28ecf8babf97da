import { describe, expect, it, vi } from 'vitest'
import type { Me } from '@/api/types'
import {
  createSessionStore,
  currentCommunityId,
  nextStep,
  STORAGE_KEYS,
  worksInCurrentCommunity,
  type KeyValueStorage,
} from '@/auth/session-store'

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  }
}

function me(overrides: Partial<Me> = {}, user: Partial<Me['user']> = {}): Me {
  return {
    user: { id: 'us-1', nickname: '小陈', consentVersion: null, currentCommunityId: null, ...user },
    currentCommunity: null,
    residencies: [],
    roles: [],
    residencyRequests: [],
    gridRoles: [],
    ...overrides,
  }
}

const household = {
  id: 'hh-1',
  compoundName: '梧桐苑',
  buildingName: '3号楼',
  unit: '2',
  room: '301',
  label: '梧桐苑 3号楼 2单元 301室',
  floorAreaM2: '89.50',
}

describe('session store', () => {
  it('keeps the token and /api/me across a restart of the app', () => {
    const storage = memoryStorage()
    const first = createSessionStore(storage)
    first.signIn('tok-1')
    first.setMe(me())

    const second = createSessionStore(storage)
    expect(second.getToken()).toBe('tok-1')
    expect(second.getState().me?.user.nickname).toBe('小陈')
  })

  it('drops the cached /api/me of the previous person when someone else signs in', () => {
    const store = createSessionStore(memoryStorage())
    store.signIn('tok-a')
    store.setMe(me())
    store.signIn('tok-b')
    expect(store.getState().me).toBeNull()
  })

  it('forgets everything personal on sign-out but keeps the browsing community', () => {
    const storage = memoryStorage()
    const store = createSessionStore(storage)
    store.setBrowseCommunity('cm-1')
    store.signIn('tok')
    store.setMe(me())
    store.signOut()

    expect(store.getState()).toEqual({ token: null, me: null, browseCommunityId: 'cm-1' })
    expect(storage.data.has(STORAGE_KEYS.token)).toBe(false)
    expect(storage.data.has(STORAGE_KEYS.me)).toBe(false)
  })

  it('ignores a cached /api/me without a token and a corrupt cached value', () => {
    expect(
      createSessionStore(memoryStorage({ [STORAGE_KEYS.me]: JSON.stringify(me()) })).getState().me,
    ).toBeNull()
    const corrupt = createSessionStore(
      memoryStorage({ [STORAGE_KEYS.token]: 't', [STORAGE_KEYS.me]: '{not json' }),
    )
    expect(corrupt.getState()).toMatchObject({ token: 't', me: null })
  })

  it('notifies subscribers on every change until they unsubscribe', () => {
    const store = createSessionStore(memoryStorage())
    const listener = vi.fn()
    const unsubscribe = store.subscribe(listener)
    store.signIn('tok')
    store.setMe(me())
    unsubscribe()
    store.signOut()
    expect(listener).toHaveBeenCalledTimes(2)
  })
})

describe('nextStep', () => {
  const signedIn = (m: Me) => ({ token: 't', me: m, browseCommunityId: null })

  it('asks to log in first', () => {
    expect(nextStep({ token: null, me: null, browseCommunityId: 'cm-1' })).toBe('login')
  })

  it('asks to choose a community before verifying', () => {
    expect(nextStep(signedIn(me()))).toBe('choose_community')
  })

  it('asks to verify in the current community, even when verified elsewhere', () => {
    const elsewhere = {
      id: 'rs-1',
      communityId: 'cm-2',
      communityName: '枫桥社区',
      household,
      isRepresentative: false,
      verifiedAt: 0,
      via: 'invite_code' as const,
    }
    expect(
      nextStep(signedIn(me({ residencies: [elsewhere] }, { currentCommunityId: 'cm-1' }))),
    ).toBe('verify')
  })

  it('reports a pending request of the current community', () => {
    const request = {
      id: 'rq',
      communityId: 'cm-1',
      communityName: '槐树社区',
      buildingId: 'b',
      compoundName: '梧桐苑',
      buildingName: '3号楼',
      unit: '2',
      room: '301',
      realName: '陈',
      note: null,
      status: 'pending' as const,
      rejectReason: null,
      createdAt: 0,
      decidedAt: null,
    }
    expect(
      nextStep(signedIn(me({ residencyRequests: [request] }, { currentCommunityId: 'cm-1' }))),
    ).toBe('pending_review')
    expect(
      nextStep(
        signedIn(
          me(
            { residencyRequests: [{ ...request, status: 'rejected' }] },
            { currentCommunityId: 'cm-1' },
          ),
        ),
      ),
    ).toBe('verify')
  })

  it('is done once verified in the current community', () => {
    const here = {
      id: 'rs-1',
      communityId: 'cm-1',
      communityName: '槐树社区',
      household,
      isRepresentative: true,
      verifiedAt: 0,
      via: 'request' as const,
    }
    expect(nextStep(signedIn(me({ residencies: [here] }, { currentCommunityId: 'cm-1' })))).toBe(
      'done',
    )
  })
})

describe('currentCommunityId', () => {
  it("prefers the account's community over the one chosen before login", () => {
    expect(
      currentCommunityId({
        token: 't',
        me: me({}, { currentCommunityId: 'cm-acc' }),
        browseCommunityId: 'cm-browse',
      }),
    ).toBe('cm-acc')
    expect(currentCommunityId({ token: 't', me: me(), browseCommunityId: 'cm-browse' })).toBe(
      'cm-browse',
    )
    expect(currentCommunityId({ token: null, me: null, browseCommunityId: null })).toBeNull()
  })
})

describe('worksInCurrentCommunity', () => {
  const signedIn = (m: Me) => ({ token: 't', me: m, browseCommunityId: null })
  const role = { communityId: 'cm-1', communityName: '槐树社区', role: 'staff' as const }

  it('knows a worker of the current community, whose home offers the workbench instead of 去认证', () => {
    const staff = me({ roles: [role] }, { currentCommunityId: 'cm-1' })
    expect(nextStep(signedIn(staff))).toBe('verify')
    expect(worksInCurrentCommunity(signedIn(staff))).toBe(true)
  })

  it('is false elsewhere, without a community, and signed out', () => {
    expect(
      worksInCurrentCommunity(signedIn(me({ roles: [role] }, { currentCommunityId: 'cm-2' }))),
    ).toBe(false)
    expect(worksInCurrentCommunity(signedIn(me({ roles: [role] })))).toBe(false)
    expect(worksInCurrentCommunity({ token: null, me: null, browseCommunityId: 'cm-1' })).toBe(
      false,
    )
  })
})
