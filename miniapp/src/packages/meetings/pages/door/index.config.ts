export default definePageConfig({ navigationBarTitleText: '门口签到码' })
