import { and, eq, lt } from 'drizzle-orm'
import { wechatTokens } from '../../db/schema'
import type { Db } from './env'
import { newId } from './ids'
import { now } from './time'
import { fetchStableToken, WechatCallError, type WechatConfig } from './wechat'

// The app's access_token, shared by every caller (the outbox drain, mini-program codes, content
// checks) through one row of wechat_tokens. A caller that finds it missing, about to expire or
// refused by WeChat takes the refresh lease with a conditional UPDATE; exactly one caller wins
// it and fetches from stable_token, the others wait for the row to change. Never one fetch per
// message: a drain asks once and reuses the token for the whole run. Decision 014.

/** A token this close to its end is treated as expired (WeChat gives 7200 s). */
const EXPIRY_MARGIN_MS = 5 * 60_000
/** How long a lease holder may take to fetch before another caller may try. */
const LEASE_MS = 15_000
/** How long a caller that lost the lease waits for the winner's token. */
const WAIT_STEP_MS = 200
const WAIT_STEPS = 40

type Options = {
  fetchFn?: typeof fetch
  /** The token WeChat just refused (40001/42001): replace it even if it looks fresh. */
  refused?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function usable(
  row: { accessToken: string | null; expiresAt: number } | undefined,
  refused: string | undefined,
  at: number,
): row is { accessToken: string; expiresAt: number } {
  return Boolean(
    row?.accessToken && row.accessToken !== refused && row.expiresAt > at + EXPIRY_MARGIN_MS,
  )
}

async function readRow(db: Db, appId: string) {
  return db
    .select({ accessToken: wechatTokens.accessToken, expiresAt: wechatTokens.expiresAt })
    .from(wechatTokens)
    .where(eq(wechatTokens.appId, appId))
    .get()
}

/**
 * A valid access_token for the app. Throws WechatCallError when WeChat refuses to give one
 * (wrong secret …) or when the caller holding the lease did not produce one in time.
 */
export async function accessToken(
  db: Db,
  config: WechatConfig,
  options: Options = {},
): Promise<string> {
  const { refused } = options
  const cached = await readRow(db, config.appId)
  if (usable(cached, refused, now())) return cached.accessToken

  await db.insert(wechatTokens).values({ appId: config.appId }).onConflictDoNothing()
  const holder = newId()
  const at = now()
  const won = await db
    .update(wechatTokens)
    .set({ leaseHolder: holder, leaseUntil: at + LEASE_MS })
    .where(and(eq(wechatTokens.appId, config.appId), lt(wechatTokens.leaseUntil, at)))
    .returning({ accessToken: wechatTokens.accessToken, expiresAt: wechatTokens.expiresAt })

  if (won.length === 1) {
    // Someone may have stored a fresh token between our read and the lease.
    if (usable(won[0], refused, at)) {
      await releaseLease(db, config.appId, holder)
      return won[0]!.accessToken!
    }
    try {
      let fetched = await fetchStableToken(config, {}, options.fetchFn)
      // stable_token hands back the same token while it is valid: WeChat refused that one, so
      // it is dead on their side; only then is the (rationed) forced refresh worth it.
      if (refused && fetched.accessToken === refused)
        fetched = await fetchStableToken(config, { forceRefresh: true }, options.fetchFn)
      const fetchedAt = now()
      await db
        .update(wechatTokens)
        .set({
          accessToken: fetched.accessToken,
          expiresAt: fetchedAt + fetched.expiresInSeconds * 1000,
          fetchedAt,
          leaseHolder: null,
          leaseUntil: 0,
        })
        .where(and(eq(wechatTokens.appId, config.appId), eq(wechatTokens.leaseHolder, holder)))
      return fetched.accessToken
    } catch (error) {
      await releaseLease(db, config.appId, holder)
      throw error
    }
  }

  // Another caller holds the lease: wait for the token it is fetching.
  for (let step = 0; step < WAIT_STEPS; step++) {
    await sleep(WAIT_STEP_MS)
    const row = await readRow(db, config.appId)
    if (usable(row, refused, now())) return row.accessToken
  }
  throw new WechatCallError(-1, 'access_token is being refreshed by another caller; try later')
}

async function releaseLease(db: Db, appId: string, holder: string) {
  await db
    .update(wechatTokens)
    .set({ leaseHolder: null, leaseUntil: 0 })
    .where(and(eq(wechatTokens.appId, appId), eq(wechatTokens.leaseHolder, holder)))
}
