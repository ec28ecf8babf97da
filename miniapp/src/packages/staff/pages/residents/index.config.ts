export default definePageConfig({ navigationBarTitleText: '居民名单', enablePullDownRefresh: true })
