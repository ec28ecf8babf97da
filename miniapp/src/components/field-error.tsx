import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './field-error.scss'

/**
 * A form check's message, right under the field it concerns. Forms show it here and as a toast
 * (showError(new InputError(…))): the toast goes away, this stays until the field is put right.
 */
export function FieldError({ text }: { text?: string | null }) {
  return text ? (
    <View className="field__error" ariaRole="alert">
      {text}
    </View>
  ) : null
}

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * Brings the first message into view once the render that shows it is done: on a long form the
 * field in question can be a screen above the button that was tapped.
 */
export function scrollToFieldError(): void {
  setTimeout(() => {
    if (isH5) {
      // Taro's H5 router keeps earlier pages in the document, hidden: take the visible one.
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.field__error')).find(
        (el) => el.offsetParent !== null,
      )
      shown?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    } else {
      void Taro.pageScrollTo({ selector: '.field__error', offsetTop: -160, duration: 200 })
    }
  }, 80)
}
