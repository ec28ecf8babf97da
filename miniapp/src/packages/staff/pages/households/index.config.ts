export default definePageConfig({ navigationBarTitleText: '楼栋住户与邀请码' })
