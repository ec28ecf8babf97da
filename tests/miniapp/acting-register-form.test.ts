import { describe, expect, it } from 'vitest'
import {
  actingBannerText,
  EMPTY_REGISTER,
  firstRegisterError,
  toRegisterBody,
  validateRegister,
} from '@/packages/acting/lib/register-form'

// 登记居民 (decision 019): the form's rules match the API's, said beside each field in Chinese.

describe('the 登记居民 form', () => {
  const filled = {
    ...EMPTY_REGISTER,
    householdId: 'hh-1',
    realName: ' 张桂芳 ',
    nickname: '张阿姨',
    consent: true,
  }

  it('asks for the household, the 姓名, the 称呼 and her consent, in that order', () => {
    const errors = validateRegister(EMPTY_REGISTER)
    expect(Object.keys(errors).sort()).toEqual(['consent', 'householdId', 'nickname', 'realName'])
    expect(firstRegisterError(errors)).toBe('请按门牌号找到她家，并选中')
    expect(errors.consent).toContain('隐私政策')
  })

  it('takes a phone number only when it looks like one, and leaves it out when empty', () => {
    expect(validateRegister({ ...filled, phone: '打电话' }).phone).toContain('电话号码格式不对')
    expect(validateRegister({ ...filled, phone: '138 0000 0000' })).toEqual({})
    expect(toRegisterBody(filled)).toEqual({
      householdId: 'hh-1',
      realName: '张桂芳',
      nickname: '张阿姨',
      consentConfirmed: true,
    })
    expect(toRegisterBody({ ...filled, phone: ' 13800000000 ' }).phone).toBe('13800000000')
  })

  it('refuses names longer than the API takes', () => {
    expect(validateRegister({ ...filled, realName: '张'.repeat(21) }).realName).toContain('20')
  })

  it('says for whom one acts', () => {
    expect(actingBannerText('张阿姨')).toBe('正在为 张阿姨 代办')
  })
})
