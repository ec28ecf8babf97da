import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  abortUnlessStatement,
  causeChain,
  createDb,
  isAbort,
  isUniqueViolation,
  MAX_BOUND_PARAMETERS,
  ROUND_TRIPS_HEADER,
  roundTrips,
  runBatch,
  type RoundTrips,
} from '../../worker/lib/db'
import { client, send } from './client'
import { dbCount, photoStore } from './helpers'

// Where D1 and libSQL differ, lib/db.ts makes them one; this file pins it. It runs twice in
// `npm test`: in workerd on D1 (tests/worker/vitest.config.mts) and on Node on a libSQL file
// (tests/worker/node/vitest.config.mts), with the same expectations.

const db = () => createDb(env.DB)

beforeAll(async () => {
  await env.DB.prepare(
    `CREATE TABLE parity (id TEXT PRIMARY KEY, n INTEGER NOT NULL, parent TEXT REFERENCES parity(id))`,
  ).run()
})

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

describe('runBatch', () => {
  it('is all or nothing: a unique violation in the last statement leaves none of the batch', async () => {
    const d = db()
    await runBatch(d, [d.run(sql`INSERT INTO parity (id, n) VALUES ('u1', 1)`)])
    const error = await rejection(
      runBatch(d, [
        d.run(sql`INSERT INTO parity (id, n) VALUES ('u2', 2)`),
        d.run(sql`UPDATE parity SET n = 10 WHERE id = 'u1'`),
        d.run(sql`INSERT INTO parity (id, n) VALUES ('u1', 3)`),
      ]),
    )
    expect(isUniqueViolation(error)).toBe(true)
    expect(causeChain(error).join(' ')).toMatch(/UNIQUE constraint failed: parity\.id/)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM parity WHERE id = 'u2'`)).toBe(0)
    expect(await dbCount(`SELECT n FROM parity WHERE id = 'u1'`)).toBe(1)
  })

  it('lets a statement see the one before it through changes()', async () => {
    const d = db()
    await runBatch(d, [
      d.run(sql`INSERT INTO parity (id, n) VALUES ('c1', 1)`),
      d.run(sql`UPDATE parity SET n = 5 WHERE id = 'c1' AND n = 99`),
      d.run(sql`INSERT INTO parity (id, n) SELECT 'c2', 2 WHERE changes() > 0`),
      d.run(sql`UPDATE parity SET n = 7 WHERE id = 'c1'`),
      d.run(sql`INSERT INTO parity (id, n) SELECT 'c3', 3 WHERE changes() > 0`),
    ])
    expect(await dbCount(`SELECT COUNT(*) AS n FROM parity WHERE id IN ('c2', 'c3')`)).toBe(1)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM parity WHERE id = 'c3'`)).toBe(1)
  })

  it('fails as a whole at abortUnlessStatement when its condition does not hold', async () => {
    const d = db()
    const error = await rejection(
      runBatch(d, [
        d.run(sql`INSERT INTO parity (id, n) VALUES ('a1', 1)`),
        abortUnlessStatement(d, sql`(SELECT COUNT(*) FROM parity WHERE id = 'nobody') > 0`),
        d.run(sql`INSERT INTO parity (id, n) VALUES ('a2', 2)`),
      ]),
    )
    expect(isAbort(error)).toBe(true)
    expect(isUniqueViolation(error)).toBe(false)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM parity WHERE id IN ('a1', 'a2')`)).toBe(0)
    await runBatch(d, [
      d.run(sql`INSERT INTO parity (id, n) VALUES ('a3', 1)`),
      abortUnlessStatement(d, sql`(SELECT COUNT(*) FROM parity WHERE id = 'a3') > 0`),
    ])
    expect(await dbCount(`SELECT COUNT(*) AS n FROM parity WHERE id = 'a3'`)).toBe(1)
  })

  it('reports NOT NULL and FOREIGN KEY failures in the same words', async () => {
    const d = db()
    const notNull = await rejection(
      runBatch(d, [d.run(sql`INSERT INTO parity (id, n) VALUES ('nn', NULL)`)]),
    )
    expect(causeChain(notNull).join(' ')).toContain('NOT NULL constraint failed: parity.n')
    const foreign = await rejection(
      d.run(sql`INSERT INTO parity (id, n, parent) VALUES ('fk', 1, 'missing')`),
    )
    expect(causeChain(foreign).join(' ')).toContain('FOREIGN KEY constraint failed')
    expect(isUniqueViolation(foreign)).toBe(false)
  })
})

describe('bound parameters', () => {
  const placeholders = (n: number) =>
    sql.join(
      Array.from({ length: n }, (_, i) => sql`${i}`),
      sql`, `,
    )

  it(`binds ${MAX_BOUND_PARAMETERS} parameters in one statement, in a query and in a batch`, async () => {
    const d = db()
    const rows = await d.all<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM json_each(json_array(${placeholders(MAX_BOUND_PARAMETERS)}))`,
    )
    expect(rows[0]!.n).toBe(MAX_BOUND_PARAMETERS)
    await runBatch(d, [
      d.run(
        sql`INSERT INTO parity (id, n) SELECT 'p100', COUNT(*) FROM json_each(json_array(${placeholders(MAX_BOUND_PARAMETERS)}))`,
      ),
    ])
    expect(await dbCount(`SELECT n FROM parity WHERE id = 'p100'`)).toBe(MAX_BOUND_PARAMETERS)
  })

  it(`refuses ${MAX_BOUND_PARAMETERS + 1} with "too many SQL variables", in a query and in a batch`, async () => {
    const d = db()
    const tooMany = placeholders(MAX_BOUND_PARAMETERS + 1)
    const query = await rejection(d.all(sql`SELECT json_array(${tooMany})`))
    expect(causeChain(query).join(' ')).toMatch(/too many SQL variables/)
    const batch = await rejection(
      runBatch(d, [
        d.run(sql`INSERT INTO parity (id, n) VALUES ('p101', 1)`),
        d.run(
          sql`UPDATE parity SET n = json_array_length(json_array(${tooMany})) WHERE id = 'p101'`,
        ),
      ]),
    )
    expect(causeChain(batch).join(' ')).toMatch(/too many SQL variables/)
    expect(await dbCount(`SELECT COUNT(*) AS n FROM parity WHERE id = 'p101'`)).toBe(0)
  })
})

describe('reading rows', () => {
  it('returns plain objects with numbers, text and null, and undefined for a raw get() without a row', async () => {
    const d = db()
    const rows = await d.all<Record<string, unknown>>(
      sql`SELECT 1 AS one, 2.5 AS half, 'text' AS t, NULL AS empty, 9007199254740991 AS big`,
    )
    expect(rows).toEqual([{ one: 1, half: 2.5, t: 'text', empty: null, big: 9007199254740991 }])
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows)
    expect(await d.get(sql`SELECT 1 AS one WHERE 0`)).toBeUndefined()
    expect(await d.get(sql`SELECT 1 AS one`)).toEqual({ one: 1 })
  })
})

describe('round trips', () => {
  it('counts one per query and one per batch, whatever the batch holds', async () => {
    const trips: RoundTrips = { count: 0 }
    const d = createDb(env.DB, trips)
    expect(roundTrips(d)).toBe(trips)
    await d.all(sql`SELECT 1`)
    await d
      .select({ n: sql<number>`1` })
      .from(sql`parity`)
      .limit(1)
      .all()
    expect(trips.count).toBe(2)
    await runBatch(d, [
      d.run(sql`INSERT INTO parity (id, n) VALUES ('rt1', 1)`),
      d.run(sql`INSERT INTO parity (id, n) VALUES ('rt2', 2)`),
      d.run(sql`INSERT INTO parity (id, n) VALUES ('rt3', 3)`),
    ])
    expect(trips.count).toBe(3)
  })

  it(`answers each request's count in ${ROUND_TRIPS_HEADER} (development)`, async () => {
    const health = await send(client().health.$get())
    expect(health.headers.get(ROUND_TRIPS_HEADER)).toBe('0')
    const streets = await send(client().streets.$get())
    expect(Number(streets.headers.get(ROUND_TRIPS_HEADER))).toBeGreaterThan(0)
  })
})

describe('photo store', () => {
  it('puts, gets with its type, deletes, and answers null for what is not there', async () => {
    const store = photoStore()
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
    await store.put('parity/photo-1', bytes, 'image/jpeg')
    const got = await store.get('parity/photo-1')
    expect(got?.contentType).toBe('image/jpeg')
    expect(new Uint8Array(await new Response(got!.body).arrayBuffer())).toEqual(bytes)
    await store.delete('parity/photo-1')
    expect(await store.get('parity/photo-1')).toBeNull()
    await store.delete('parity/photo-1')
    expect(await store.get('parity/never')).toBeNull()
  })
})
