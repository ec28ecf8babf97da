export default definePageConfig({
  navigationBarTitleText: '居民认证申请',
  enablePullDownRefresh: true,
})
