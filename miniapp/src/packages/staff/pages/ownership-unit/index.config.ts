export default definePageConfig({ navigationBarTitleText: '登记产权' })
