// WeChat's own code-quality check (DevTools' 代码质量 panel), from miniprogram-ci. It runs
// offline on the project folder: the appid and key only matter to calls that reach WeChat's
// servers (preview, upload, getCompiledResult), which nothing here makes.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** The main package may use this much of WeChat's 2 MB (decision 009); KB as WeChat counts: 1024 bytes. */
export const MAIN_PACKAGE_BUDGET = 400 * 1024
/** WeChat refuses a subpackage over 2 MB. */
export const SUBPACKAGE_LIMIT = 2 * 1024 * 1024

/**
 * Runs checkCodeQuality on the project whose project.config.json is in `projectDir` (what
 * DevTools opens) and returns the failed items and the package sizes WeChat computed.
 */
export async function checkQuality(projectDir) {
  // Loaded here, not at the top: it is large and only this check needs it.
  const ci = require('miniprogram-ci')
  const project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: projectDir,
    privateKey: 'x',
    ignores: ['node_modules/**/*'],
  })
  const items = await ci.checkCodeQuality(project)
  const sizes = items.find((item) => item.name === 'PACKAGE_SIZE_LIMIT')?.detail ?? {}
  const failed = items.filter((item) => !item.success).map((item) => `${item.name}: ${item.text}`)
  const main = sizes.__APP__
  if (typeof main !== 'number')
    failed.push('PACKAGE_SIZE_LIMIT: no main package size in the result')
  else if (main > MAIN_PACKAGE_BUDGET)
    failed.push(
      `main package ${main} bytes is over the ${MAIN_PACKAGE_BUDGET} budget (decision 009)`,
    )
  for (const [name, bytes] of Object.entries(sizes)) {
    if (name !== '__APP__' && bytes > SUBPACKAGE_LIMIT)
      failed.push(`subpackage ${name} ${bytes} bytes is over WeChat's 2 MB`)
  }
  return { failed, sizes }
}
