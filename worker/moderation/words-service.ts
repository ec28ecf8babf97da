import { and, eq, sql } from 'drizzle-orm'
import { communities, contentWordLists, contentWords, streets } from '../../db/schema'
import { auditStatement } from '../lib/audit'
import type { SessionUser } from '../lib/auth'
import { wechatChecksOn, type ContentCheckConfig } from '../lib/content-check'
import { DEFAULT_WORDS, normaliseWord } from '../lib/content-words'
import { runBatch } from '../lib/db'
import type { Db } from '../lib/env'
import { AppError, notFound } from '../lib/errors'
import { newId } from '../lib/ids'
import { now } from '../lib/time'
import { assertStaffOf } from '../identity/authz'
import type { ContentWords } from './schemas'

// The street's word list (decision 013). A street shares one list; the staff of any of its
// communities edit it, and each change is audited under the community it was made from.

export function modeOf(env: ContentCheckConfig) {
  return wechatChecksOn(env)
    ? { mode: 'wechat' as const, modeLabel: '本地词库 + 微信内容安全检查（文字和照片）' }
    : {
        mode: 'local' as const,
        modeLabel: '未配置微信内容安全：只用本地词库检查文字，照片不经机器审核',
      }
}

async function streetOf(db: Db, communityId: string) {
  const row = await db
    .select({ streetId: communities.streetId, streetName: streets.name })
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(communities.id, communityId))
    .get()
  if (!row) throw notFound('社区')
  return row
}

export async function listWords(
  db: Db,
  env: ContentCheckConfig,
  actor: SessionUser | null,
  communityId: string,
): Promise<ContentWords> {
  await assertStaffOf(db, actor, communityId)
  const street = await streetOf(db, communityId)
  const rows = await db
    .select()
    .from(contentWords)
    .where(eq(contentWords.streetId, street.streetId))
  const own = new Map(rows.map((r) => [r.word, r]))
  const defaults = new Set(DEFAULT_WORDS.map((d) => normaliseWord(d.word)))
  const items: ContentWords['items'] = []
  for (const d of DEFAULT_WORDS) {
    const word = normaliseWord(d.word)
    const mine = own.get(word)
    if (mine?.kind === 'allow') continue
    items.push({
      word,
      kind: mine ? (mine.kind as 'block' | 'review') : d.kind,
      source: 'default',
      addedAt: mine?.createdAt ?? null,
    })
  }
  for (const r of rows)
    if (!defaults.has(r.word) && r.kind !== 'allow')
      items.push({ word: r.word, kind: r.kind, source: 'street', addedAt: r.createdAt })
  return {
    streetName: street.streetName,
    ...modeOf(env),
    items,
    lifted: rows.filter((r) => r.kind === 'allow').map((r) => r.word),
  }
}

/** The statement that moves the street's list to a new version (each isolate recompiles once). */
function bumpVersion(db: Db, streetId: string, at: number) {
  return db.run(sql`INSERT INTO ${contentWordLists} (street_id, version, updated_at) VALUES (${streetId}, 1, ${at})
    ON CONFLICT (street_id) DO UPDATE SET version = version + 1, updated_at = excluded.updated_at`)
}

/** Adds a word to the street's list, or changes whether it is refused or held for review. */
export async function setWord(
  db: Db,
  env: ContentCheckConfig,
  actor: SessionUser | null,
  communityId: string,
  input: { word: string; kind: 'block' | 'review' },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const street = await streetOf(db, communityId)
  const word = normaliseWord(input.word)
  if (word.length < 2 && !/^[a-z0-9]+$/.test(word))
    throw new AppError('VALIDATION_FAILED', '词语至少要有 2 个字（标点和空格不算）', [
      { path: 'word', message: '词语至少要有 2 个字（标点和空格不算）' },
    ])
  const before = await db
    .select({ kind: contentWords.kind })
    .from(contentWords)
    .where(and(eq(contentWords.streetId, street.streetId), eq(contentWords.word, word)))
    .get()
  const at = now()
  await runBatch(db, [
    db
      .insert(contentWords)
      .values({
        id: newId(),
        streetId: street.streetId,
        word,
        kind: input.kind,
        addedBy: staff.id,
        createdAt: at,
      })
      .onConflictDoUpdate({
        target: [contentWords.streetId, contentWords.word],
        set: { kind: input.kind, addedBy: staff.id, createdAt: at },
      }),
    bumpVersion(db, street.streetId, at),
    auditStatement(db, {
      communityId,
      actorUserId: staff.id,
      action: 'content_word.set',
      targetType: 'street',
      targetId: street.streetId,
      before: before ? { word, kind: before.kind } : null,
      after: { word, kind: input.kind },
    }),
  ])
  return listWords(db, env, actor, communityId)
}

/** Takes a word off the street's list: a street word is deleted, a default word is lifted. */
export async function removeWord(
  db: Db,
  env: ContentCheckConfig,
  actor: SessionUser | null,
  communityId: string,
  input: { word: string },
) {
  const staff = await assertStaffOf(db, actor, communityId)
  const street = await streetOf(db, communityId)
  const word = normaliseWord(input.word)
  const isDefault = DEFAULT_WORDS.some((d) => normaliseWord(d.word) === word)
  const existing = await db
    .select({ kind: contentWords.kind })
    .from(contentWords)
    .where(and(eq(contentWords.streetId, street.streetId), eq(contentWords.word, word)))
    .get()
  if ((!isDefault && !existing) || existing?.kind === 'allow') throw notFound('词语')
  const at = now()
  await runBatch(db, [
    isDefault
      ? db
          .insert(contentWords)
          .values({
            id: newId(),
            streetId: street.streetId,
            word,
            kind: 'allow',
            addedBy: staff.id,
            createdAt: at,
          })
          .onConflictDoUpdate({
            target: [contentWords.streetId, contentWords.word],
            set: { kind: 'allow', addedBy: staff.id, createdAt: at },
          })
      : db
          .delete(contentWords)
          .where(and(eq(contentWords.streetId, street.streetId), eq(contentWords.word, word))),
    bumpVersion(db, street.streetId, at),
    auditStatement(db, {
      communityId,
      actorUserId: staff.id,
      action: 'content_word.remove',
      targetType: 'street',
      targetId: street.streetId,
      before: { word, kind: existing?.kind ?? 'default' },
      after: null,
    }),
  ])
  return listWords(db, env, actor, communityId)
}
