export default definePageConfig({ navigationBarTitleText: '街道对比', enablePullDownRefresh: true })
