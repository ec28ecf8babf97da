import type { z } from 'zod'
import type { MeSchema } from '@worker/identity/schemas'

// The session sits below the API client (api/request.ts reads its token), so it takes the /api/me
// shape from the worker directly rather than from api/types.ts.
type Me = z.infer<typeof MeSchema>

// The session as the app sees it: the bearer token, the last /api/me answer (so pages can render
// at once and refresh behind), and the community chosen by someone who has not signed in yet.
// Pure: storage is injected, so node tests run it with a Map.

export type KeyValueStorage = {
  get(key: string): string | null
  set(key: string, value: string): void
  remove(key: string): void
}

export type SessionState = {
  token: string | null
  me: Me | null
  /** Chosen before signing in; moved to the account on login. */
  browseCommunityId: string | null
}

export const STORAGE_KEYS = {
  token: 'linli.token',
  me: 'linli.me',
  browseCommunityId: 'linli.browseCommunityId',
} as const

function readMe(storage: KeyValueStorage): Me | null {
  const raw = storage.get(STORAGE_KEYS.me)
  if (!raw) return null
  try {
    return JSON.parse(raw) as Me
  } catch {
    return null
  }
}

export function createSessionStore(storage: KeyValueStorage) {
  const token = storage.get(STORAGE_KEYS.token)
  let state: SessionState = {
    token,
    me: token ? readMe(storage) : null,
    browseCommunityId: storage.get(STORAGE_KEYS.browseCommunityId),
  }
  const listeners = new Set<() => void>()

  function update(next: Partial<SessionState>) {
    state = { ...state, ...next }
    listeners.forEach((listener) => listener())
  }

  return {
    getState: (): SessionState => state,
    getToken: (): string | null => state.token,

    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    signIn(newToken: string) {
      storage.set(STORAGE_KEYS.token, newToken)
      storage.remove(STORAGE_KEYS.me)
      update({ token: newToken, me: null })
    },

    setMe(me: Me) {
      storage.set(STORAGE_KEYS.me, JSON.stringify(me))
      update({ me })
    },

    setBrowseCommunity(communityId: string | null) {
      if (communityId) storage.set(STORAGE_KEYS.browseCommunityId, communityId)
      else storage.remove(STORAGE_KEYS.browseCommunityId)
      update({ browseCommunityId: communityId })
    },

    signOut() {
      storage.remove(STORAGE_KEYS.token)
      storage.remove(STORAGE_KEYS.me)
      update({ token: null, me: null })
    },
  }
}

export type SessionStore = ReturnType<typeof createSessionStore>

/** The community whose pages the app shows: the account's choice, else the pre-login choice. */
export function currentCommunityId(state: SessionState): string | null {
  if (state.token && state.me) return state.me.user.currentCommunityId ?? state.browseCommunityId
  return state.browseCommunityId
}

/** What the resident should do next, in the order the flows require it. */
export type NextStep = 'login' | 'choose_community' | 'verify' | 'pending_review' | 'done'

export function nextStep(state: SessionState): NextStep {
  if (!state.token || !state.me) return 'login'
  const { me } = state
  if (!me.user.currentCommunityId) return 'choose_community'
  const community = me.user.currentCommunityId
  if (me.residencies.some((r) => r.communityId === community)) return 'done'
  if (me.residencyRequests.some((r) => r.communityId === community && r.status === 'pending'))
    return 'pending_review'
  return 'verify'
}

/**
 * Whether the signed-in person holds a role (居委会, committee…) in their current community. Their
 * home then offers the workbench, not 去认证: a worker need not live where they work.
 */
export function worksInCurrentCommunity(state: SessionState): boolean {
  const community = state.me?.user.currentCommunityId
  return Boolean(community && state.me?.roles.some((r) => r.communityId === community))
}
