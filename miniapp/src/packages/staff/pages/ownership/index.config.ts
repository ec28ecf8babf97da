export default definePageConfig({ navigationBarTitleText: '房屋产权登记' })
