export default definePageConfig({ navigationBarTitleText: '编辑微规约' })
