export default definePageConfig({
  navigationBarTitleText: '金点子',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
})
