export default definePageConfig({ navigationBarTitleText: '团队（三自组织）' })
