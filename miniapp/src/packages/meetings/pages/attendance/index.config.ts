export default definePageConfig({
  navigationBarTitleText: '报名和签到名单',
  enablePullDownRefresh: true,
})
