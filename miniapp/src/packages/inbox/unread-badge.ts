import Taro from '@tarojs/taro'
import { getUnreadCount } from './tab-api'
import { badgeText } from '@/packages/meetings/lib/list-labels'

// The unread count of 我的消息 as a badge on the 我的 tab. setTabBarBadge only works while a
// tab page is showing (WeChat refuses it elsewhere; on H5 the tab bar listens for it), so tab
// pages call this when shown. Failures are ignored: the badge is a hint, the inbox the record.

const MINE_TAB_INDEX = 4

export async function syncUnreadBadge(signedIn: boolean): Promise<number> {
  let unread = 0
  if (signedIn) {
    try {
      unread = (await getUnreadCount()).unread
    } catch {
      return 0
    }
  }
  const text = badgeText(unread)
  try {
    if (text) await Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text })
    else await Taro.removeTabBarBadge({ index: MINE_TAB_INDEX })
  } catch {
    // Not on a tab page, or the tab bar is not ready yet.
  }
  return unread
}
