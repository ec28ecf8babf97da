export default definePageConfig({ navigationBarTitleText: '提金点子' })
