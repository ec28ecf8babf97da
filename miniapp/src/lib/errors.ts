import Taro from '@tarojs/taro'
import { errorMessage } from './error-message'

export { errorMessage }

/** The one way pages report a failure: a toast with the API's Chinese message. */
export function showError(error: unknown): void {
  void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 3000 })
}

export function showSuccess(title: string): void {
  // WeChat cuts a toast with an icon after 7 characters; longer ones go without the icon.
  void Taro.showToast({ title, icon: title.length <= 7 ? 'success' : 'none', duration: 1800 })
}
