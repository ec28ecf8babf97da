import { execFile } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { FormData } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { http } from '../http-client'
import { freshDataDir, startNodeServer, type NodeServer } from '../node-server'
import { call } from './helpers'
import { openFile, rows } from './sqlite'

// npm run backup while the server keeps acknowledging writes, then npm run restore into a new
// place and a server on it: every write acknowledged before the backup began is there, and the
// photos with it. Both commands run as an operator runs them (their own processes).

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const live = freshDataDir('linli-backup-live-')
const elsewhere = freshDataDir('linli-backup-restored-')
const servers: NodeServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  rmSync(live, { recursive: true, force: true })
  rmSync(elsewhere, { recursive: true, force: true })
})

/** npm run backup / restore with the storage of `dataDir`: exit code and output. */
async function command(script: 'backup' | 'restore', dataDir: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', `server/${script}.ts`, ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          ENV_FILE: path.join(dataDir, '.env'),
          DATABASE_PATH: path.join(dataDir, 'linli.db'),
          PHOTOS_DIR: path.join(dataDir, 'photos'),
        },
      },
    )
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, output: e.stdout + e.stderr }
  }
}

describe('npm run backup during writes, then npm run restore', () => {
  it('loses nothing acknowledged before the backup began, and the restored server serves it', async () => {
    const server = await startNodeServer(live)
    servers.push(server)
    // A database of some size (100,000 extra rows), so that the backup takes a while.
    const bulk = openFile(server.databasePath)
    await bulk.execute('PRAGMA busy_timeout = 5000')
    for (let chunk = 0; chunk < 20; chunk++)
      await bulk.execute(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999)
         INSERT INTO users (id, openid, nickname, created_at)
         SELECT 'us-bulk-${chunk}-' || i, 'bulk:${chunk}-' || i, '居民' || i, 0 FROM n`,
      )
    bulk.close()

    // A photo, uploaded through the API before the backup.
    const wang = (
      await call(server.baseUrl, 'POST', '/api/auth/dev', undefined, { demoUser: 'resident-wang' })
    ).body.token as string
    const jpeg = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#c33' },
    })
      .jpeg()
      .toBuffer()
    const form = new FormData()
    form.set('communityId', 'cm-huaishu')
    form.set('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg')
    const uploaded = await http(`${server.baseUrl}/api/suggestion-photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${wang}` },
      body: form,
    })
    expect(uploaded.status).toBe(201)
    const photo = (await uploaded.json()) as { id: string; url: string }

    // Four writers sign new people in (users + sessions rows) until told to stop.
    const acknowledged: { openid: string; token: string; at: number }[] = []
    let writing = true
    const writer = async (w: number) => {
      for (let n = 0; writing; n++) {
        const openid = `backup-${w}-${n}`
        const reply = await call(server.baseUrl, 'POST', '/api/auth/dev', undefined, { openid })
        expect(reply.status).toBe(200)
        acknowledged.push({ openid, token: reply.body.token, at: Date.now() })
      }
    }
    const writers = [0, 1, 2, 3].map(writer)
    await new Promise((resolve) => setTimeout(resolve, 1000))

    const before = [...acknowledged]
    const started = Date.now()
    const backup = await command('backup', live, ['--out', path.join(live, 'backups')])
    const finished = Date.now()
    expect(backup.code, backup.output).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    writing = false
    await Promise.all(writers)

    const during = acknowledged.filter((a) => a.at > started && a.at < finished).length
    console.log(
      `[backup] ${before.length} writes acknowledged before it, ${during} during its ${finished - started} ms`,
    )
    // The server kept acknowledging writes while the backup read the database.
    expect(acknowledged.some((a) => a.at > started && a.at < finished)).toBe(true)
    const file = /\[backup\] (\S+\.db)/.exec(backup.output)?.[1]
    expect(file && existsSync(file), backup.output).toBe(true)

    // Restore refuses to replace the database of the running server…
    const refused = await command('restore', live, [file!])
    expect(refused.code).toBe(1)
    expect(refused.output).toContain(`a server (pid ${server.pid})`)

    // …and restores into another place.
    const restored = await command('restore', elsewhere, [file!])
    expect(restored.code, restored.output).toBe(0)
    const openids = new Set(
      (
        await rows<{ openid: string }>(
          path.join(elsewhere, 'linli.db'),
          `SELECT openid FROM users WHERE openid LIKE 'backup-%'`,
        )
      ).map((r) => r.openid),
    )
    expect(before.length).toBeGreaterThan(0)
    expect(before.filter((a) => !openids.has(a.openid))).toEqual([])
    // A copy of one instant: nothing acknowledged after the backup finished is in it.
    expect(acknowledged.filter((a) => a.at > finished + 50 && openids.has(a.openid))).toEqual([])

    const again = await startNodeServer(elsewhere)
    servers.push(again)
    const me = await call(again.baseUrl, 'GET', '/api/me', before[0]!.token)
    expect(me.status).toBe(200)
    const image = await http(`${again.baseUrl}${photo.url}`)
    expect(image.status).toBe(200)
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
  })
})
