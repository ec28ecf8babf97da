export default definePageConfig({ navigationBarTitleText: '认证居民身份' })
