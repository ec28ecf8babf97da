export default definePageConfig({ navigationBarTitleText: '房间门牌' })
