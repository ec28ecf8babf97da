export default definePageConfig({ navigationBarTitleText: '房间与规则' })
