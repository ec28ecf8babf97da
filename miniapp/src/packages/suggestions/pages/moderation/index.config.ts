export default definePageConfig({
  navigationBarTitleText: '审核与举报',
  enablePullDownRefresh: true,
})
