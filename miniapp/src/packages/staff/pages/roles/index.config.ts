export default definePageConfig({ navigationBarTitleText: '职务与权限' })
