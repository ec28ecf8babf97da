import Taro from '@tarojs/taro'
import { errorMessage } from './error-message'

export { errorMessage }

/** The one way pages report a failure: a toast with the API's Chinese message. */
export function showError(error: unknown): void {
  void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 3000 })
}

export function showSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1800 })
}
