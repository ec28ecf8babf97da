// The variables both worker test projects give the app: tests/worker/vitest.config.mts (workerd,
// D1, R2) and tests/worker/node/vitest.config.mts (Node, libSQL, photos on disk).
export const TEST_VARS = {
  ENVIRONMENT: 'development',
  WECHAT_API_BASE: 'http://wechat.test',
  WECHAT_APPID: 'wx-test-appid',
  WECHAT_SECRET: 'test-secret',
  PHOTO_URL_SECRET: 'test-photo-secret',
  BALLOT_SECRET: 'test-ballot-secret',
  REQUEST_LOG: 'off',
}
