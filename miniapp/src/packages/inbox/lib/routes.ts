// The inbox's page, opened from the 我的 tab (main package: strings only).
export const INBOX_PAGE = '/packages/inbox/pages/index/index'
/** 消息设置: which notices also come as WeChat subscribe messages (from 我的 and the inbox). */
export const INBOX_SETTINGS_PAGE = '/packages/inbox/pages/settings/index'
