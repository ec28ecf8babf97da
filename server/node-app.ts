import type { Client } from '@libsql/client'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { app } from '../worker/app'
import type { Config, NodeBindings, PhotoStore } from '../worker/lib/env'

// What Workers gives the app through wrangler.toml, assembled for Node: the bindings (the
// libSQL client as DB, the disk store as PHOTOS, the configuration) and the H5 build in front of
// the API, as Workers assets are (`run_worker_first = ["/api/*"]`).

export function nodeBindings(config: Config, db: Client, photos: PhotoStore): NodeBindings {
  return { ...config, DB: db, PHOTOS: photos }
}

/** The fetch handler of the Node server: static files of the H5 build, then the Hono app. */
export function nodeFetch(bindings: NodeBindings, h5Dir: string) {
  const assets = new Hono().use(
    '*',
    serveStatic({
      root: h5Dir,
      // As Workers assets answer: always revalidated, so a new build reaches every phone at once
      // (the script and style files it names have content hashes in their names).
      onFound: (_path, c) => void c.header('Cache-Control', 'public, max-age=0, must-revalidate'),
    }),
  )
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url)
    if (!pathname.startsWith('/api/') && (request.method === 'GET' || request.method === 'HEAD')) {
      const asset = await assets.fetch(request)
      if (asset.status !== 404) return asset
    }
    return app.fetch(request, bindings)
  }
}
