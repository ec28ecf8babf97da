import { AppError } from './errors'
import type { Db, PhotoStore } from './env'
import { fetchUnlimitedCode, WechatCallError, type WechatConfig } from './wechat'
import { accessToken } from './wechat-token'

// 小程序码 for printed posters (issue 12): an unlimited code from getwxacodeunlimit, opening a
// page with a scene (the page reads it as its query). Generated once and kept in the photo store
// (R2, or the photo directory on Node): a poster printed twice shows the same code, and WeChat is
// asked once per thing, not per view.

export type CodeTarget = {
  /** Where it is kept, e.g. "alley/al-1"; a different scene needs a different key. */
  key: string
  /** At most 32 visible characters, as a query: "alley=al-1", "id=mt-1&code=123456". */
  scene: string
  /** The page it opens, without a leading slash. */
  page: string
}

const UNAVAILABLE = '小程序码暂时无法生成，请稍后再试'

/** The code's image, from the store or made now. */
export async function miniProgramCode(
  db: Db,
  photos: PhotoStore,
  config: WechatConfig,
  target: CodeTarget,
  fetchFn?: typeof fetch,
): Promise<{ body: ReadableStream; contentType: string }> {
  const key = `wxacode/${target.key}`
  const kept = await photos.get(key)
  if (kept) return kept
  if (!config.appId || !config.secret)
    throw new AppError('WECHAT_UNAVAILABLE', '本服务尚未接入微信，暂时不能生成小程序码')
  if (target.scene.length > 32) throw new Error(`scene longer than 32 characters: ${target.scene}`)
  let token = await tokenOrUnavailable(db, config, fetchFn)
  let image: { bytes: Uint8Array; contentType: string }
  try {
    image = await fetchUnlimitedCode(config, token, target, fetchFn)
  } catch (error) {
    // A token WeChat refuses (40001/42001): replaced once, then the code asked for again.
    if (!(error instanceof WechatCallError) || ![40001, 40014, 42001].includes(error.errcode))
      throw unavailable(error)
    token = await tokenOrUnavailable(db, config, fetchFn, token)
    image = await fetchUnlimitedCode(config, token, target, fetchFn).catch((e: unknown) => {
      throw unavailable(e)
    })
  }
  await photos.put(key, image.bytes, image.contentType)
  return (await photos.get(key))!
}

async function tokenOrUnavailable(
  db: Db,
  config: WechatConfig,
  fetchFn: typeof fetch | undefined,
  refused?: string,
) {
  try {
    return await accessToken(db, config, { fetchFn, refused })
  } catch (error) {
    throw unavailable(error)
  }
}

function unavailable(error: unknown): AppError {
  console.error(JSON.stringify({ wechat: 'getwxacodeunlimit', error: String(error) }))
  return new AppError('WECHAT_UNAVAILABLE', UNAVAILABLE)
}
