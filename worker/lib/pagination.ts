import { z } from '@hono/zod-openapi'
import { and, gt, gte, lt, lte, or, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import { AppError } from './errors'

// Cursor pagination over (sort key, id): the cursor is opaque to clients.
export type Cursor = { k: number | string; id: string }

export const cursorQuery = {
  cursor: z.string().max(200).optional().openapi({ description: '上一页返回的 nextCursor' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(encodeURIComponent(JSON.stringify(cursor)))
}

const invalidCursor = () => new AppError('VALIDATION_FAILED', '分页参数无效，请刷新后重试')

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null
  try {
    const value = JSON.parse(decodeURIComponent(atob(raw))) as Cursor
    if (
      (typeof value.k === 'number' || typeof value.k === 'string') &&
      typeof value.id === 'string'
    )
      return value
  } catch {
    // fall through to the error below
  }
  throw invalidCursor()
}

/**
 * An order of several numeric keys (a search's shared terms and rank; cancelled-last then start
 * time) as one cursor key, "a:b", and back. keyParts refuses a key of another length or one that
 * is not numbers — a cursor forged, or issued by another list — with the same 400.
 */
export function compositeKey(...parts: number[]): string {
  return parts.join(':')
}

export function keyParts(k: Cursor['k'], count: number): number[] {
  const parts = String(k).split(':')
  if (parts.length !== count || parts.some((p) => p === '' || !Number.isFinite(Number(p))))
    throw invalidCursor()
  return parts.map(Number)
}

/**
 * SQL: the rows after the cursor's row in (numeric key, id) order, ascending or descending —
 * nothing without a cursor; a cursor whose key is not a number answers the list's 400. Written as
 * a range on the key (`key <= k AND (key < k OR id < …)` when descending), so that an index on
 * the key starts its walk at the cursor instead of filtering every row before it.
 */
export function afterCursor(
  key: SQLiteColumn,
  id: SQLiteColumn,
  cursor: Cursor | null,
  order: 'asc' | 'desc',
): SQL | undefined {
  if (!cursor) return undefined
  const [k] = keyParts(cursor.k, 1) as [number]
  return order === 'desc'
    ? and(lte(key, k), or(lt(key, k), lt(id, cursor.id)))
    : and(gte(key, k), or(gt(key, k), gt(id, cursor.id)))
}

/** Turns limit+1 fetched rows into a page and the cursor of its last row. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor) {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null }
}

export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
