import { eq, sql } from 'drizzle-orm'
import { subscribeGrants } from '../../db/schema'
import type { Db } from '../lib/env'
import { runBatch } from '../lib/db'
import { requireUser, type SessionUser } from '../lib/auth'
import { AppError } from '../lib/errors'
import { now } from '../lib/time'
import type { Templates } from './template-config'
import { TOPIC_LABELS, TOPICS, type Topic } from './topics'

// 消息设置: what the person has told WeChat and us, per topic. Answers come from the
// mini-program right after wx.requestSubscribeMessage (weapp only; H5 has no such prompt).

/** One-time credits beyond this are not counted (WeChat keeps its own count; 43101 resets ours). */
const MAX_CREDITS = 50

function configured(templates: Templates): Topic[] {
  return TOPICS.filter((topic) => templates[topic])
}

export async function listSubscriptions(db: Db, actor: SessionUser | null, templates: Templates) {
  const user = requireUser(actor)
  const rows = await db.select().from(subscribeGrants).where(eq(subscribeGrants.userId, user.id))
  return {
    items: configured(templates).map((topic) => {
      const row = rows.find((r) => r.topic === topic)
      const template = templates[topic]!
      return {
        topic,
        ...TOPIC_LABELS[topic],
        templateId: template.id,
        longTerm: template.longTerm,
        enabled: row?.enabled ?? false,
        credits: template.longTerm ? 0 : (row?.credits ?? 0),
        lastAnswer: (row?.lastAnswer ?? null) as 'accept' | 'reject' | 'ban' | null,
        answered: row !== undefined,
      }
    }),
  }
}

/**
 * Records WeChat's answers: 'accept' switches the topic on and adds a credit (or makes it
 * long-term when the template is); 'reject' and 'ban' switch it off, so a refused template gets
 * nothing; 'filter' (WeChat hid the template) changes nothing.
 */
export async function recordAnswers(
  db: Db,
  actor: SessionUser | null,
  templates: Templates,
  answers: { templateId: string; answer: 'accept' | 'reject' | 'ban' | 'filter' }[],
) {
  const user = requireUser(actor)
  const at = now()
  const byId = new Map(configured(templates).map((topic) => [templates[topic]!.id, topic]))
  const unknown = answers.filter((a) => !byId.has(a.templateId))
  if (unknown.length > 0)
    throw new AppError('VALIDATION_FAILED', '消息模板已更新，请重新打开页面后再订阅')
  for (const { templateId, answer } of answers) {
    if (answer === 'filter') continue
    const topic = byId.get(templateId)!
    const accepted = answer === 'accept'
    const longTerm = accepted && templates[topic]!.longTerm
    const credit = accepted && !longTerm ? 1 : 0
    // One statement per answer: the credit is added in SQL, so answers racing each other add up.
    await db
      .insert(subscribeGrants)
      .values({
        userId: user.id,
        topic,
        enabled: accepted,
        credits: credit,
        longTerm,
        lastAnswer: answer,
        updatedAt: at,
      })
      .onConflictDoUpdate({
        target: [subscribeGrants.userId, subscribeGrants.topic],
        set: {
          enabled: accepted,
          credits: sql`MIN(${MAX_CREDITS}, ${subscribeGrants.credits} + ${credit})`,
          longTerm: accepted ? longTerm : sql`${subscribeGrants.longTerm}`,
          lastAnswer: answer,
          updatedAt: at,
        },
      })
  }
  return listSubscriptions(db, user, templates)
}

/** My switch for one topic (消息设置). Off stops messages at once; on needs WeChat's consent too. */
export async function switchSubscription(
  db: Db,
  actor: SessionUser | null,
  templates: Templates,
  topic: Topic,
  enabled: boolean,
) {
  const user = requireUser(actor)
  if (!templates[topic]) throw new AppError('NOT_FOUND', '这类消息暂不提供微信通知')
  const at = now()
  await runBatch(db, [
    db
      .insert(subscribeGrants)
      .values({ userId: user.id, topic, enabled, credits: 0, longTerm: false, updatedAt: at })
      .onConflictDoUpdate({
        target: [subscribeGrants.userId, subscribeGrants.topic],
        set: { enabled, updatedAt: at },
      }),
    // Switched off: what is already queued for me under this topic is not sent either.
    db.run(
      sql`UPDATE wechat_outbox SET status = 'gave_up', last_error = 'switched off by the person'
          WHERE user_id = ${user.id} AND topic = ${topic} AND status = 'queued' AND ${!enabled}`,
    ),
  ])
  return listSubscriptions(db, user, templates)
}
