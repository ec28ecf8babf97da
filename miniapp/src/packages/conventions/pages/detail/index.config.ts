export default definePageConfig({ navigationBarTitleText: '微规约', enablePullDownRefresh: true })
