export default definePageConfig({
  navigationBarTitleText: '金点子详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
