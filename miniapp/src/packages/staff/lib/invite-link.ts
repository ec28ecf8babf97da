// What an invite slip's QR code holds: the verify page of the H5 app with the code, so a phone
// camera opens it with the code filled in (the page keeps it through login and the privacy
// notice). In WeChat the same address opens the mini-program once 扫普通链接二维码打开小程序 maps it.
import { ROUTES } from '@/lib/nav'

export function inviteUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/#${ROUTES.verify}?code=${encodeURIComponent(code)}`
}
