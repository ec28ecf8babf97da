import type { KeyValueStorage } from '@/auth/session-store'

// The resident's own receipt codes, kept on the phone so they can check after closing that their
// ballot was counted (GET …/receipts?receipt=…). Only the code and when it was issued are kept,
// never the option: a phone is sometimes shared, and the published list says the option anyway.

export const RECEIPTS_KEY = 'linli.conventionReceipts'

export type StoredReceipt = { receipt: string; at: number; source: 'online' | 'paper' }

function readAll(storage: KeyValueStorage): Record<string, StoredReceipt> {
  const raw = storage.get(RECEIPTS_KEY)
  if (!raw) return {}
  try {
    const parsed: unknown = JSON.parse(raw)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, StoredReceipt>)
      : {}
  } catch {
    return {}
  }
}

/** A changed ballot gets a new receipt; the last one is the one that counts, so it replaces the old. */
export function rememberReceipt(
  storage: KeyValueStorage,
  conventionId: string,
  receipt: StoredReceipt,
): void {
  const all = readAll(storage)
  all[conventionId] = receipt
  storage.set(RECEIPTS_KEY, JSON.stringify(all))
}

export function storedReceipt(
  storage: KeyValueStorage,
  conventionId: string,
): StoredReceipt | null {
  const r = readAll(storage)[conventionId]
  return r && typeof r.receipt === 'string' ? r : null
}

/** "K7PM3QXD" → "K7PM-3QXD", the way a code is read aloud and written down. */
export function formatReceipt(code: string): string {
  const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, '')
  return clean.length > 4 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean
}

/**
 * What a resident types (any case, spaces, with or without the dash) → the form the API stores
 * and matches exactly: "K7PM-3QXD".
 */
export function normalizeReceipt(input: string): string {
  return formatReceipt(input)
}
