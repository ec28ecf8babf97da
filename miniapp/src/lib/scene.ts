// A page opened from a 小程序码 (worker/codes/service.ts) gets its query in one `scene` option,
// URL-encoded ("alley%3Dal-1", "id%3Dmt-1%26code%3D123456"): at most 32 characters that WeChat
// hands over as they were printed. The pages read it back as their own query, so a printed code
// and a shared link land on the same thing.

/** The page's query with the scene's pairs merged in (the scene wins: it is what was scanned). */
export function withScene(
  params: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const scene = params.scene
  if (!scene) return params
  let decoded: string
  try {
    decoded = decodeURIComponent(scene)
  } catch {
    return params
  }
  const merged: Record<string, string | undefined> = { ...params }
  for (const pair of decoded.split('&')) {
    const [key, value] = pair.split('=')
    if (key && value !== undefined) merged[key] = value
  }
  return merged
}
