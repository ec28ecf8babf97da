// 长辈模式 (large text, issue 15, decision 023) as the app remembers it: on this device (storage)
// and on the account (the server, so a second phone starts in the mode the resident chose). Pure:
// storage is injected, so node tests drive it with a Map (tests/miniapp/elder-mode.test.ts).

export type KeyValueStorage = {
  get(key: string): string | null
  set(key: string, value: string): void
}

export type ElderModeState = {
  on: boolean
  /** Chosen on this device (the switch or the offer): the account's value no longer overrides it. */
  chosenHere: boolean
  /** The offer for a phone whose system font is already large was made here: never again. */
  offered: boolean
  /** A choice the server has not stored yet (offline, signed out): sent at the next launch. */
  unsynced: boolean
}

export const ELDER_MODE_KEY = 'linli.elder'

/** WeChat's fontSizeSetting (px) or the browser's default font from which we offer the mode. */
export const LARGE_SYSTEM_FONT_PX = 20

const INITIAL: ElderModeState = { on: false, chosenHere: false, offered: false, unsynced: false }

function read(storage: KeyValueStorage): ElderModeState {
  try {
    const saved = JSON.parse(storage.get(ELDER_MODE_KEY) ?? 'null') as Partial<ElderModeState>
    if (!saved || typeof saved !== 'object') return INITIAL
    return {
      on: saved.on === true,
      chosenHere: saved.chosenHere === true,
      offered: saved.offered === true,
      unsynced: saved.unsynced === true,
    }
  } catch {
    return INITIAL
  }
}

export function createElderModeStore(storage: KeyValueStorage) {
  let state = read(storage)
  const listeners = new Set<() => void>()
  const update = (next: Partial<ElderModeState>) => {
    state = { ...state, ...next }
    storage.set(ELDER_MODE_KEY, JSON.stringify(state))
    listeners.forEach((listener) => listener())
  }
  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    /** The resident's own choice on this device; to be sent to the account. */
    choose(on: boolean) {
      update({ on, chosenHere: true, offered: true, unsynced: true })
    },
    /** The offer was shown and declined (accepting it is choose(true)). */
    declineOffer() {
      update({ offered: true })
    },
    /** The account's value, read after sign-in: it applies unless this device chose itself. */
    adoptAccount(largeText: boolean) {
      if (!state.chosenHere && state.on !== largeText) update({ on: largeText })
    },
    /** The server has the device's choice. */
    synced() {
      if (state.unsynced) update({ unsynced: false })
    },
  }
}

export type ElderModeStore = ReturnType<typeof createElderModeStore>

/** Offer the mode on first open when the system font is already large and nobody chose yet. */
export function shouldOfferElderMode(
  state: ElderModeState,
  systemFontPx: number | undefined,
): boolean {
  return (
    !state.offered &&
    !state.chosenHere &&
    !state.on &&
    systemFontPx !== undefined &&
    systemFontPx >= LARGE_SYSTEM_FONT_PX
  )
}
