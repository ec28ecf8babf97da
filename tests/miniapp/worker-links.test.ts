import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'

// Every page the worker links to (inbox notices, open data, reminders) must be a page of the
// mini-program: a notice that opens a page the app no longer has is a dead end for a resident.
// The pages are read from app.config.ts itself; the links from the worker's source text, so a
// new link is checked the day it is written.

const ROOT = path.resolve(import.meta.dirname, '../..')

vi.stubGlobal('defineAppConfig', (config: unknown) => config)
const { default: appConfig } = (await import('@/app.config')) as {
  default: { pages: string[]; subPackages: { root: string; pages: string[] }[] }
}

/** A page whose only job is to send an old address on (`useRedirect`): not for new links. */
const isRedirect = (page: string) =>
  readFileSync(path.join(ROOT, 'miniapp/src', `${page}.tsx`), 'utf8').includes('useRedirect(')

const appPages = new Set(
  [
    ...appConfig.pages.map((p) => `/${p}`),
    ...appConfig.subPackages.flatMap((pkg) => pkg.pages.map((p) => `/${pkg.root}/${p}`)),
  ].filter((page) => !isRedirect(page)),
)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

const PAGE_PATH = /(?<=['"`#])\/?(?:packages\/[\w-]+\/)?pages\/[\w-]+\/index\b/g

/** Page paths written in the worker, e.g. '/packages/meetings/pages/detail/index', with where. */
function workerLinks(): { page: string; file: string }[] {
  return sourceFiles(path.join(ROOT, 'worker')).flatMap((file) =>
    // A path starts right after a quote or the hash of an H5 address; WeChat's own APIs
    // (getwxacodeunlimit) take it without the leading slash.
    [...readFileSync(file, 'utf8').matchAll(PAGE_PATH)].map((m) => ({
      page: m[0].startsWith('/') ? m[0] : `/${m[0]}`,
      file: path.relative(ROOT, file),
    })),
  )
}

describe('links the worker writes', () => {
  it('finds them (the scan itself works)', () => {
    const pages = workerLinks().map((l) => l.page)
    expect(pages).toContain('/packages/meetings/pages/detail/index')
    expect(pages).toContain('/packages/suggestions/pages/submit/index') // poster codes, no slash
  })

  it('open pages the mini-program has, at their current address', () => {
    const dead = workerLinks().filter((l) => !appPages.has(l.page))
    expect(dead.map((l) => `${l.file}: ${l.page}`)).toEqual([])
  })
})
