import { Input, View } from '@tarojs/components'
import { Page } from '@/components/page'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { Household } from '@/api/types'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { FieldError, scrollToFieldError } from '@/components/field-error'
import { InputError } from '@/lib/error-message'
import { showError, showSuccess } from '@/lib/errors'
import { ApiError } from '@/api/http'
import { findHouseholdsToRegister, registerOfflineResident } from '@/packages/acting/api'
import { actingUrl } from '@/packages/acting/lib/routes'
import {
  EMPTY_REGISTER,
  firstRegisterError,
  toRegisterBody,
  validateRegister,
  type RegisterDraft,
  type RegisterErrors,
} from '@/packages/acting/lib/register-form'
import '@/packages/acting/acting.scss'

/**
 * 登记居民 (decision 019): a resident without WeChat, registered by staff or her 楼组长 — her
 * household, 姓名 (seen only by staff and her 楼组长), the 称呼 neighbours know, a phone number if
 * she wants to be called. She is a verified resident at once; nobody can sign in as her until
 * she claims the account with the code this page's next step can print.
 */
export default function RegisterResidentPage() {
  const { params } = useRouter()
  const communityId = params.communityId ?? ''
  const [draft, setDraft] = useState<RegisterDraft>(EMPTY_REGISTER)
  const [errors, setErrors] = useState<RegisterErrors>({})
  const [room, setRoom] = useState('')
  const [found, setFound] = useState<Household[] | null>(null)
  const [searching, setSearching] = useState(false)
  const [busy, setBusy] = useState(false)

  const set = <K extends keyof RegisterDraft>(key: K, value: RegisterDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }))
  }

  const search = async () => {
    if (!room.trim()) {
      setErrors((e) => ({ ...e, householdId: '请输入门牌号，例如 302' }))
      return
    }
    setSearching(true)
    try {
      const result = await findHouseholdsToRegister(communityId, room.trim())
      setFound(result.items)
      if (result.items.length === 1) set('householdId', result.items[0]!.id)
    } catch (e) {
      showError(e)
    } finally {
      setSearching(false)
    }
  }

  const submit = async () => {
    const problems = validateRegister(draft)
    setErrors(problems)
    const first = firstRegisterError(problems)
    if (first) {
      showError(new InputError(first))
      scrollToFieldError()
      return
    }
    setBusy(true)
    try {
      const resident = await registerOfflineResident(communityId, toRegisterBody(draft))
      showSuccess('已登记')
      void Taro.redirectTo({ url: actingUrl('resident', { id: resident.userId }) })
    } catch (e) {
      // Everything typed stays; a field the API names is marked beside it.
      if (e instanceof ApiError)
        setErrors(
          Object.fromEntries(
            e.issues.map((i) => [i.path.split('.')[0], i.message]),
          ) as RegisterErrors,
        )
      showError(e)
    } finally {
      setBusy(false)
    }
  }

  const chosen = found?.find((h) => h.id === draft.householdId)

  return (
    <Page>
      <View className="page-title">登记居民</View>
      <View className="lead">
        为没有微信的居民登记。登记后她就是认证居民，您可以为她代办；她以后有了微信，凭认领码就能接手自己的账号，记录都还在。
      </View>

      <Card title="她家在哪一户">
        <View className="field">
          <View className="field__label">门牌号</View>
          <View className="search-row">
            <Input
              className={errors.householdId ? 'input input--invalid' : 'input'}
              value={room}
              maxlength={10}
              ariaLabel="门牌号"
              placeholder="例如：302"
              placeholderClass="placeholder"
              confirmType="search"
              onInput={(e) => setRoom(e.detail.value)}
              onConfirm={() => void search()}
            />
            <Button
              kind="secondary"
              busy={searching}
              busyText="查找中…"
              onClick={() => void search()}
            >
              查找
            </Button>
          </View>
          <FieldError text={errors.householdId} />
        </View>
        {found && found.length === 0 && (
          <View className="notice notice--info">没有找到这个门牌号（只列出您负责的楼栋）。</View>
        )}
        {found && found.length > 0 && (
          <View className="chips" ariaRole="radiogroup" ariaLabel="选择住户">
            {found.map((h) => (
              <View
                key={h.id}
                className={draft.householdId === h.id ? 'chip chip--on' : 'chip'}
                ariaRole="radio"
                aria-checked={draft.householdId === h.id}
                onClick={() => set('householdId', h.id)}
              >
                {h.label}
              </View>
            ))}
          </View>
        )}
        {chosen && <View className="field__hint">已选：{chosen.label}</View>}
      </Card>

      <Card title="她是谁">
        <View className="field">
          <View className="field__label">姓名（只有工作人员和她的楼组长看得到）</View>
          <Input
            className={errors.realName ? 'input input--invalid' : 'input'}
            value={draft.realName}
            maxlength={20}
            ariaLabel="姓名"
            placeholder="例如：张桂芳"
            placeholderClass="placeholder"
            onInput={(e) => set('realName', e.detail.value)}
          />
          <FieldError text={errors.realName} />
        </View>
        <View className="field">
          <View className="field__label">称呼（邻居们看到的名字）</View>
          <Input
            className={errors.nickname ? 'input input--invalid' : 'input'}
            value={draft.nickname}
            maxlength={20}
            ariaLabel="称呼"
            placeholder="例如：张阿姨"
            placeholderClass="placeholder"
            onInput={(e) => set('nickname', e.detail.value)}
          />
          <FieldError text={errors.nickname} />
        </View>
        <View className="field">
          <View className="field__label">联系电话（可不填）</View>
          <Input
            className={errors.phone ? 'input input--invalid' : 'input'}
            value={draft.phone}
            type="number"
            maxlength={20}
            ariaLabel="联系电话（可不填）"
            placeholder="方便时打电话告诉她进展"
            placeholderClass="placeholder"
            onInput={(e) => set('phone', e.detail.value)}
          />
          <FieldError text={errors.phone} />
        </View>
      </Card>

      <Card>
        <View
          className="toggle-row"
          ariaRole="checkbox"
          aria-checked={draft.consent}
          onClick={() => set('consent', !draft.consent)}
        >
          <View className={draft.consent ? 'checkbox checkbox--on' : 'checkbox'}>
            {draft.consent ? '✓' : ''}
          </View>
          <View className="toggle-row__text">
            我已向她说明《邻里隐私政策》（登记哪些信息、谁能看到），她同意由我登记并代办
          </View>
        </View>
        <FieldError text={errors.consent} />
      </Card>

      <Button block busy={busy} busyText="正在登记…" onClick={() => void submit()}>
        登记并开始代办
      </Button>
    </Page>
  )
}
