import { is } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as schema from '../../db/schema'
import { PERSONAL_DATA } from '../../worker/privacy/registry'

// The rule for "a table that holds something about a person": one of its columns
//  - references users.id or households.id (a foreign key), or
//  - is named like a person or household column: user_id, household_id, *_user_id,
//    *_household_id, author*, voter* (convention_roll.voter_key is a person, keyed).
// Such a table must be in exactly one domain's entry of worker/privacy/registry.ts, so that the
// export and account deletion (PIPL) cannot leave it out without anyone deciding so.

const PERSON_TABLES = new Set(['users', 'households'])
const PERSON_COLUMN = /^(user_id|household_id|author.*|voter.*)$|_(user_id|household_id)$/

const tables = Object.values(schema as Record<string, unknown>).filter(
  (value): value is SQLiteTable => is(value, SQLiteTable),
)

function personColumns(table: SQLiteTable): string[] {
  const config = getTableConfig(table)
  const referencing = config.foreignKeys.flatMap((fk) => {
    const reference = fk.reference()
    return PERSON_TABLES.has(getTableConfig(reference.foreignTable).name)
      ? reference.columns.map((c) => c.name)
      : []
  })
  const named = config.columns.map((c) => c.name).filter((name) => PERSON_COLUMN.test(name))
  return [...new Set([...referencing, ...named])]
}

describe('personal data registry (worker/privacy/registry.ts)', () => {
  const owners = new Map<string, string[]>()
  for (const entry of PERSONAL_DATA) {
    for (const table of entry.tables) {
      const name = getTableConfig(table).name
      owners.set(name, [...(owners.get(name) ?? []), entry.domain])
    }
  }
  const personal = tables
    .map((table) => ({ name: getTableConfig(table).name, columns: personColumns(table) }))
    .filter((t) => t.columns.length > 0 && t.name !== 'users')

  it('finds the tables that name people (the rule itself works)', () => {
    expect(personal.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'residencies',
        'suggestions',
        'bookings',
        'notifications',
        'convention_roll',
      ]),
    )
  })

  it('lists every table with a user or household column in a domain entry', () => {
    const missing = personal
      .filter((t) => !owners.has(t.name))
      .map(
        (t) =>
          `${t.name} (${t.columns.join(', ')}): add it to the personal-data.ts entry of the domain that owns it`,
      )
    expect(missing).toEqual([])
  })

  it('gives each table one owner', () => {
    const shared = [...owners]
      .filter(([, domains]) => domains.length > 1)
      .map(([name, domains]) => `${name}: ${domains.join(', ')}`)
    expect(shared).toEqual([])
  })

  it('lists only tables of the schema (no stale entries)', () => {
    const known = new Set(tables.map((t) => getTableConfig(t).name))
    expect([...owners.keys()].filter((name) => !known.has(name))).toEqual([])
  })
})
