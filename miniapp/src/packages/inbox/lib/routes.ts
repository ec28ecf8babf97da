// The inbox's page, opened from the 我的 tab (main package: strings only).
export const INBOX_PAGE = '/packages/inbox/pages/index/index'
