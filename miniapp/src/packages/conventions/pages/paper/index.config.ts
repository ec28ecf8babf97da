export default definePageConfig({ navigationBarTitleText: '纸质表决票' })
