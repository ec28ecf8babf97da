import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate, openDatabase, readMigrations } from '../../server/database'
import { diskPhotoStore } from '../../server/disk-photo-store'
import { HOUSEKEEPING_CRON } from '../../worker/jobs'
import { DEVELOPMENT_SECRET } from '../../worker/lib/config'
import { http } from '../http-client'
import { freshDataDir, startNodeServer, type NodeServer } from '../node-server'
import { call } from './helpers'
import { rows } from './sqlite'

// The Node server as `npm run start:node` starts it on a fresh clone, as a deployment refuses to
// start without its secrets, and the pieces of server/ that the worker suite does not reach.

const root = path.resolve(import.meta.dirname, '../..')
const dirs: string[] = []
const servers: NodeServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
function dataDir(): string {
  const dir = freshDataDir('linli-start-')
  dirs.push(dir)
  return dir
}
async function start(dir: string, env: Record<string, string> = {}) {
  const server = await startNodeServer(dir, env)
  servers.push(server)
  return server
}

const SECRETS = {
  ENVIRONMENT: 'production',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'a-wechat-app-secret',
  PHOTO_URL_SECRET: 'e3b0c44298fc1c149afbf4c8996fb924',
  BALLOT_SECRET: '27ae41e4649b934ca495991b7852b855',
}

describe('npm run start:node on a fresh clone', () => {
  it('migrates, seeds the demo street, serves the H5 build and the API, and the dev login works', async () => {
    const dir = dataDir()
    const h5 = path.join(dir, 'h5')
    mkdirSync(h5)
    writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>邻里</title>')
    const server = await start(dir, { H5_DIR: h5 })
    expect(server.output()).toContain(`migrations applied: ${readMigrations()[0]!.name}`)
    expect(server.output()).toContain('已写入演示街道')

    const page = await http(`${server.baseUrl}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>邻里</title>')
    // As Workers assets: revalidated every time, so a new build reaches every phone at once.
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate')
    const missing = await call(server.baseUrl, 'GET', '/api/nothing-here')
    expect(missing).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: '接口不存在' } },
    })
    const login = await call(server.baseUrl, 'POST', '/api/auth/dev', undefined, {
      demoUser: 'resident-wang',
    })
    expect(login.status).toBe(200)
    const me = await call(server.baseUrl, 'GET', '/api/me', login.body.token)
    expect(me.body.user.nickname).toBe('王阿姨')
    const ran = await call(server.baseUrl, 'GET', '/cdn-cgi/handler/scheduled')
    expect(ran.status).toBe(200)

    // Started again on the same files: nothing to migrate or seed, the session is still valid.
    await server.stop()
    const again = await start(dir, { H5_DIR: h5 })
    expect(again.output()).not.toContain('migrations applied')
    expect(again.output()).not.toContain('已写入演示街道')
    expect((await call(again.baseUrl, 'GET', '/api/me', login.body.token)).status).toBe(200)
    expect(await rows(again.databasePath, 'SELECT COUNT(*) AS n FROM d1_migrations')).toEqual([
      { n: readMigrations().length },
    ])
  })

  it('reads .env for what the environment does not set, and the environment wins', async () => {
    // A fake of WeChat's code2Session on loopback: the only way to see the server's settings.
    const asked: URL[] = []
    const wechat = createServer((request, response) => {
      asked.push(new URL(request.url!, 'http://wechat.test'))
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ openid: 'o-from-fake', session_key: 'k' }))
    })
    await new Promise<void>((resolve) => wechat.listen(0, '127.0.0.1', resolve))
    const port = (wechat.address() as AddressInfo).port
    try {
      const dir = dataDir()
      writeFileSync(
        path.join(dir, '.env'),
        `WECHAT_API_BASE=http://127.0.0.1:${port}\nWECHAT_APPID=wx-from-env-file\nWECHAT_SECRET=secret-from-env-file\n`,
      )
      const server = await start(dir, { WECHAT_APPID: 'wx-from-environment' })
      const login = await call(server.baseUrl, 'POST', '/api/auth/wechat', undefined, {
        code: 'a-wx-login-code',
      })
      expect(login.status, JSON.stringify(login.body)).toBe(200)
      expect(asked).toHaveLength(1)
      expect(asked[0]!.pathname).toBe('/sns/jscode2session')
      expect(asked[0]!.searchParams.get('appid')).toBe('wx-from-environment')
      expect(asked[0]!.searchParams.get('secret')).toBe('secret-from-env-file')
    } finally {
      wechat.close()
    }
  })
})

describe('a deployment (ENVIRONMENT other than development)', () => {
  it('refuses to start without its secrets, saying which, and creates no database', async () => {
    const dir = dataDir()
    const error = await startNodeServer(dir, { ENVIRONMENT: 'production' }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toContain('exited (1)')
    for (const name of ['WECHAT_APPID', 'WECHAT_SECRET', 'PHOTO_URL_SECRET', 'BALLOT_SECRET'])
      expect(message).toContain(`${name} is not set`)
    expect(existsSync(path.join(dir, 'linli.db'))).toBe(false)
  })

  it('refuses the development secrets and short ones', async () => {
    const error = await startNodeServer(dataDir(), {
      ...SECRETS,
      PHOTO_URL_SECRET: DEVELOPMENT_SECRET,
      BALLOT_SECRET: 'short',
    }).catch((e: Error) => e)
    expect((error as Error).message).toContain('PHOTO_URL_SECRET still has the development value')
    expect((error as Error).message).toContain('BALLOT_SECRET must be at least 16 characters')
  })

  it('starts with them, seeds nothing, and has no dev login', async () => {
    const server = await start(dataDir(), SECRETS)
    expect(server.output()).not.toContain('已写入演示街道')
    const dev = await call(server.baseUrl, 'POST', '/api/auth/dev', undefined, {
      demoUser: 'resident-wang',
    })
    expect(dev.status).toBe(404)
    expect((await call(server.baseUrl, 'GET', '/api/streets')).body).toEqual({ items: [] })
  })

  it('a second server on the same database does not start', async () => {
    const dir = dataDir()
    const first = await start(dir)
    const error = await startNodeServer(dir).catch((e: Error) => e)
    expect((error as Error).message).toContain(`a server (pid ${first.pid}) already serves`)
  })
})

describe('server pieces', () => {
  it('runs housekeeping on the cron of wrangler.toml', () => {
    const toml = readFileSync(path.join(root, 'wrangler.toml'), 'utf8')
    expect(/crons\s*=\s*\["([^"]+)"\]/.exec(toml)?.[1]).toBe(HOUSEKEEPING_CRON)
  })

  it('applies a migration wholly or not at all', async () => {
    const dir = dataDir()
    const client = await openDatabase(path.join(dir, 'm.db'))
    const broken = [
      {
        name: '9999_broken.sql',
        sql: 'CREATE TABLE half (x INTEGER);\n--> statement-breakpoint\nINSERT INTO nowhere VALUES (1);',
      },
    ]
    await expect(migrate(client, broken)).rejects.toThrow(/no such table: nowhere/)
    const tables = await client.execute(`SELECT name FROM sqlite_master WHERE name = 'half'`)
    expect(tables.rows).toEqual([])
    expect((await client.execute('SELECT COUNT(*) AS n FROM d1_migrations')).rows[0]!.n).toBe(0)
    expect(await migrate(client)).toEqual(readMigrations().map((m) => m.name))
    expect(await migrate(client)).toEqual([])
    client.close()
  })

  it('keeps photo keys inside the photo directory', async () => {
    const store = diskPhotoStore(path.join(dataDir(), 'photos'))
    for (const key of ['../escape', 'a/../../b', '/etc/passwd', 'a//b', 'a/b.type', ''])
      await expect(store.put(key, new Uint8Array([1]), 'image/jpeg')).rejects.toThrow(
        /photo key not allowed/,
      )
  })
})
