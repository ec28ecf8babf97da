// Prints the API's endpoints as a Markdown table, from the same OpenAPI document the worker
// serves at /api/openapi.json (so the README's list cannot drift from the code).
// Usage: tsx scripts/list-endpoints.ts
import { app } from '../worker/app'

const env = { ENVIRONMENT: 'production', PHOTO_URL_SECRET: 'x', BALLOT_SECRET: 'x', REQUEST_LOG: 'off' }
const response = await app.request('/api/openapi.json', {}, env)
const doc = (await response.json()) as { paths: Record<string, Record<string, { summary?: string; tags?: string[] }>> }
const groups = new Map<string, string[]>()
for (const [path, methods] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(methods)) {
    const group = op.tags?.[0] ?? ''
    if (!groups.has(group)) groups.set(group, [])
    groups.get(group)!.push(`| \`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}\` | ${op.summary ?? ''} |`)
  }
}
const rows = [...groups.entries()].flatMap(([group, lines]) => [`| **${group}** | |`, ...lines])
console.log(['| endpoint | what |', '|---|---|', ...rows].join('\n'))
