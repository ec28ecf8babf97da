// The API's endpoints as a Markdown table, from the same OpenAPI document the worker serves at
// /api/openapi.json, so the README's list cannot drift from the code.
// Usage: npx tsx scripts/list-endpoints.mts           print the table
//        npx tsx scripts/list-endpoints.mts --write   replace the table in README.md
//        npx tsx scripts/list-endpoints.mts --check   exit 1 when README.md's table differs (npm test)
import { readFileSync, writeFileSync } from 'node:fs'
import { app } from '../worker/app'

const HEADER = '| endpoint | what |'

async function endpointTable(): Promise<string> {
  const env = {
    ENVIRONMENT: 'production',
    PHOTO_URL_SECRET: 'x',
    BALLOT_SECRET: 'x',
    REQUEST_LOG: 'off',
    // The middleware builds the database client and the photo store for every request (lib/db.ts
    // and lib/photo-store.ts tell the runtimes apart by their methods); the document itself uses
    // neither, so empty bindings are enough.
    DB: {},
    PHOTOS: {},
  }
  const response = await app.request('/api/openapi.json', {}, env)
  const doc = (await response.json()) as {
    paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>
  }
  const groups = new Map<string, string[]>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const group = op.tags?.[0] ?? ''
      if (!groups.has(group)) groups.set(group, [])
      groups
        .get(group)!
        .push(
          `| \`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}\` | ${op.summary ?? ''} |`,
        )
    }
  }
  const rows = [...groups.entries()].flatMap(([group, lines]) => [`| **${group}** | |`, ...lines])
  return [HEADER, '|---|---|', ...rows].join('\n')
}

/** README.md split around its endpoint table (from the header row to the first blank line). */
function readmeParts(readme: string) {
  const lines = readme.split('\n')
  const start = lines.indexOf(HEADER)
  if (start < 0) throw new Error(`README.md has no endpoint table (a line "${HEADER}")`)
  let end = start
  while (end < lines.length && lines[end]!.trim() !== '') end++
  return {
    before: lines.slice(0, start),
    table: lines.slice(start, end).join('\n'),
    after: lines.slice(end),
  }
}

const readmeUrl = new URL('../README.md', import.meta.url)
const table = await endpointTable()
if (process.argv.includes('--check') || process.argv.includes('--write')) {
  const readme = readFileSync(readmeUrl, 'utf8')
  const parts = readmeParts(readme)
  if (process.argv.includes('--write')) {
    writeFileSync(readmeUrl, [...parts.before, table, ...parts.after].join('\n'))
    console.log('README.md: endpoint table regenerated')
  } else if (parts.table !== table) {
    const have = new Set(parts.table.split('\n'))
    const want = new Set(table.split('\n'))
    const missing = [...want].filter((line) => !have.has(line))
    const extra = [...have].filter((line) => !want.has(line))
    console.error('README.md: the endpoint table differs from the API (OpenAPI document).')
    for (const line of missing) console.error(`  missing: ${line}`)
    for (const line of extra) console.error(`  stale:   ${line}`)
    if (missing.length === 0 && extra.length === 0) console.error('  (same rows, different order)')
    console.error('Regenerate it with: npx tsx scripts/list-endpoints.mts --write')
    process.exit(1)
  } else {
    console.log('README.md: endpoint table matches the API')
  }
} else {
  console.log(table)
}
