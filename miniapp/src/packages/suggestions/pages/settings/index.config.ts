export default definePageConfig({ navigationBarTitleText: '答复门槛与模板' })
