export default definePageConfig({ navigationBarTitleText: '预约管理', enablePullDownRefresh: true })
