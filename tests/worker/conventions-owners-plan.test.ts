import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from './helpers'
import { createDb } from '../../worker/lib/db'
import { ownerRollStatements } from '../../worker/conventions/owner-roll'
import type { ConventionRow } from '../../worker/conventions/repo'

// The owners roll (decision 011) groups units sharing an owner with a recursive query in the
// opening's batch. Its plan must stay a walk by key: a first version found each step's unit
// through the scope's index and did not open a 50,000-unit vote in 300 s (docs/performance.md).
// In a file of its own: on the Node runtime's test database an EXPLAIN of this statement leaves
// the connection busy for the tests after it.

beforeAll(seedDemo)

describe('the owners roll query', () => {
  it.each([
    ['a compound', 'compounds', ['cp-wutong']],
    ['buildings', 'buildings', ['bd-huaiyin-5', 'bd-huaiyin-7']],
    ['the community', 'community', []],
  ] as const)(
    'for %s walks owner → its units → their owners by index, never a scan of the scope',
    async (_name, scopeType, ids) => {
      const db = createDb(env.DB)
      const convention = {
        id: 'cv-plan',
        communityId: 'cm-huaishu',
        scopeType,
        scopeIdsJson: JSON.stringify(ids),
      } as ConventionRow
      const [grouping] = ownerRollStatements(db, convention, sql`1`)
      const { sql: text, params } = (
        grouping as unknown as { getQuery(): { sql: string; params: unknown[] } }
      ).getQuery()
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${text}`)
        .bind(...params)
        .all<{ detail: string }>()
      const details = plan.results.map((r) => r.detail)
      const joined = details.join(' | ')
      // Only the recursive queue itself (r) is read row by row; every table is searched by index.
      expect(
        details.filter((d) => /^SCAN /.test(d) && d !== 'SCAN r'),
        joined,
      ).toEqual([])
      // Each step of the recursion is one lookup by key: a by owner, h2 by id (the scope is then
      // checked on that row), b by unit.
      expect(joined).toContain('SEARCH a USING INDEX unit_owners_owner_idx (owner_id=?)')
      expect(joined).toMatch(/SEARCH h2 USING INDEX sqlite_autoindex_households_1 \(id=\?\)/)
      expect(joined).toMatch(
        /SEARCH b USING COVERING INDEX sqlite_autoindex_unit_owners_1 \(household_id=\?\)/,
      )
    },
  )
})
