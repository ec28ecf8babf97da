export default definePageConfig({ navigationBarTitleText: '编辑房间' })
