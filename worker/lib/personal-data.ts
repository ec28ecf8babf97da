import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { BatchStatement } from './db'
import type { Db } from './env'

/**
 * What one domain holds about a person (PIPL): its part of the data export and the statements
 * that forget the person when they delete their account. Each domain exports one of these from
 * its `personal-data.ts`; the privacy integrator (`worker/privacy/`) walks the registry of them,
 * so account deletion cannot forget a domain by being wired by hand.
 */
export type PersonalData = {
  /** The domain folder, for messages and the registry test. */
  domain: string
  /**
   * Every table of the domain with a column that names a person or a household (the rule is in
   * tests/worker/personal-data-registry.test.ts). Listing a table here says the domain answers
   * for it: its export and its forget statements say what is exported, erased, or kept and why.
   */
  tables: readonly SQLiteTable[]
  /**
   * This domain's part of the export document, as top-level keys. Objects under the same key
   * from two domains are merged one level deep (the inbox sits under `meetings`, where the
   * export has always shown it).
   */
  exportOf(db: Db, userId: string): Promise<Record<string, unknown>>
  /** Statements for the one deletion batch (read first if they need to, never write here). */
  forgetStatements(db: Db, userId: string, at: number): Promise<BatchStatement[]>
}
