export default definePageConfig({ navigationBarTitleText: '议事会操作' })
