export default definePageConfig({ navigationBarTitleText: '决议台账', enablePullDownRefresh: true })
