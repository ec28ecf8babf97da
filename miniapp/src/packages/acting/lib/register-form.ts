// The 登记居民 form (pure, tested in tests/miniapp/acting-register-form.test.ts): the same rules as
// the API's RegisterOfflineResidentBody, checked before sending so mistakes show beside the field.

export type RegisterDraft = {
  householdId: string | null
  realName: string
  nickname: string
  phone: string
  consent: boolean
}

export type RegisterErrors = Partial<Record<keyof RegisterDraft, string>>

export const EMPTY_REGISTER: RegisterDraft = {
  householdId: null,
  realName: '',
  nickname: '',
  phone: '',
  consent: false,
}

const PHONE = /^[0-9+\- ]{5,20}$/

export function validateRegister(d: RegisterDraft): RegisterErrors {
  const errors: RegisterErrors = {}
  if (!d.householdId) errors.householdId = '请按门牌号找到她家，并选中'
  const realName = d.realName.trim()
  if (!realName) errors.realName = '请填写姓名'
  else if (realName.length > 20) errors.realName = '姓名不能超过 20 个字'
  const nickname = d.nickname.trim()
  if (!nickname) errors.nickname = '请填写邻居们怎么称呼她，例如“张阿姨”'
  else if (nickname.length > 20) errors.nickname = '称呼不能超过 20 个字'
  if (d.phone.trim() && !PHONE.test(d.phone.trim()))
    errors.phone = '电话号码格式不对，请核对（可不填）'
  if (!d.consent) errors.consent = '请先向她说明《邻里隐私政策》并取得同意'
  return errors
}

export function toRegisterBody(d: RegisterDraft) {
  return {
    householdId: d.householdId ?? '',
    realName: d.realName.trim(),
    nickname: d.nickname.trim(),
    ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
    consentConfirmed: true as const,
  }
}

/** The first problem, in the form's order, for the toast. */
export function firstRegisterError(errors: RegisterErrors): string | undefined {
  const order: (keyof RegisterDraft)[] = ['householdId', 'realName', 'nickname', 'phone', 'consent']
  return order.map((k) => errors[k]).find(Boolean)
}

/** "正在为 张阿姨 代办" — the banner every 代办 page shows. */
export function actingBannerText(name: string): string {
  return `正在为 ${name} 代办`
}
