import type { SessionUser } from '../lib/auth'
import type { Db, PhotoStore } from '../lib/env'
import { notFound } from '../lib/errors'
import { miniProgramCode } from '../lib/mini-program-code'
import type { WechatConfig } from '../lib/wechat'
import { assertMeetingOrganiserOf } from '../identity/authz'
import { getAlley } from '../places/service'
import { loadMeeting } from '../meetings/public'
import { loadVisibleConvention } from '../conventions/public'

// 小程序码 on printed paper (issue 12): a back alley's poster opens 提金点子 with the alley filled
// in; a meeting's door sign opens the meeting with its check-in code; a convention's 公示 opens the
// convention. The scene is the page's own query (miniapp/src/lib/scene.ts reads it back).

type Context = { db: Db; photos: PhotoStore; wechat: WechatConfig }

/** Anyone: the poster of a back alley names nothing private. */
export async function alleyCode({ db, photos, wechat }: Context, alleyId: string) {
  const alley = await getAlley(db, alleyId)
  return miniProgramCode(db, photos, wechat, {
    key: `alley/${alley.id}`,
    scene: `alley=${alley.id}`,
    page: 'packages/suggestions/pages/submit/index',
  })
}

/** The organisers only: the door sign carries the check-in code. */
export async function meetingDoorCode(
  { db, photos, wechat }: Context,
  actor: SessionUser | null,
  meetingId: string,
) {
  const meeting = await loadMeeting(db, meetingId)
  await assertMeetingOrganiserOf(db, actor, meeting.communityId)
  if (meeting.status !== 'published') throw notFound('会议')
  return miniProgramCode(db, photos, wechat, {
    key: `meeting/${meeting.id}-${meeting.checkinCode}`,
    scene: `id=${meeting.id}&code=${meeting.checkinCode}`,
    page: 'packages/meetings/pages/detail/index',
  })
}

/** Anyone who may see the convention (its 公示 is public once it is voted on). */
export async function conventionCode(
  { db, photos, wechat }: Context,
  actor: SessionUser | null,
  conventionId: string,
) {
  const convention = await loadVisibleConvention(db, actor, conventionId)
  if (convention.status === 'draft') throw notFound('微规约')
  return miniProgramCode(db, photos, wechat, {
    key: `convention/${convention.id}`,
    scene: `id=${convention.id}`,
    page: 'packages/conventions/pages/detail/index',
  })
}
