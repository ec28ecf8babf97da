export default definePageConfig({ navigationBarTitleText: '预约房间' })
