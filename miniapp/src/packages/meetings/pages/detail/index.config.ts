export default definePageConfig({
  navigationBarTitleText: '会议',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
