export default definePageConfig({ navigationBarTitleText: '背街小巷海报' })
