// The view attributes Taro's weapp templates carry (miniapp/src/lib/weapp-view-attributes.ts,
// decision 023): the aria-* ones must be in base.wxml, and no source file may set a prop whose
// attribute the templates dropped (it would vanish in WeChat without a word).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { filesOf } from './compilers.mjs'

/** The string array `name` as written in the TypeScript file (a plain list of quoted words). */
function listIn(source, name) {
  const body = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(source)?.[1]
  if (!body) throw new Error(`weapp-view-attributes.ts: ${name} not found`)
  return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1])
}

export function checkTemplateAttributes(miniapp, dist) {
  const src = path.join(miniapp, 'src')
  const listFile = readFileSync(path.join(src, 'lib', 'weapp-view-attributes.ts'), 'utf8')
  const aria = listIn(listFile, 'ARIA_VIEW_ATTRIBUTES')
  const unusedProps = listIn(listFile, 'UNUSED_VIEW_PROPS')
  const problems = []

  const base = readFileSync(path.join(dist, 'base.wxml'), 'utf8')
  for (const name of aria)
    if (!base.includes(` ${name}="{{i.p`)) problems.push(`base.wxml has no ${name} on <view>`)
  if (!/<image [^>]*aria-label="\{\{i\.p/.test(base))
    problems.push('base.wxml has no aria-label on <image>')

  const prop = new RegExp(`\\b(${unusedProps.join('|')})(=\\{|[\\s/>])`)
  for (const file of filesOf(src, '.tsx')) {
    const lines = readFileSync(path.join(src, file), 'utf8').split('\n')
    lines.forEach((line, i) => {
      const hit = prop.exec(line)
      if (hit)
        problems.push(
          `miniapp/src/${file}:${i + 1} sets ${hit[1]}, which WeChat's templates no longer carry (lib/weapp-view-attributes.ts)`,
        )
    })
  }
  return problems
}
