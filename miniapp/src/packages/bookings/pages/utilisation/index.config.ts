export default definePageConfig({ navigationBarTitleText: '利用率' })
