import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import { searchPeople, type Person } from '@/packages/bookings/api'
import { Button } from '@/components/button'
import { showError } from '@/lib/errors'

/** Finds a verified resident of the centre's communities by nickname and picks one. */
export function PersonPicker({
  centreId,
  label,
  chosen,
  onChoose,
}: {
  centreId: string
  label: string
  chosen: Person | null
  onChoose: (p: Person | null) => void
}) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Person[] | null>(null)
  const [busy, setBusy] = useState(false)
  const search = async () => {
    if (!q.trim()) return
    setBusy(true)
    try {
      setFound((await searchPeople(centreId, q.trim())).items)
    } catch (e) {
      showError(e)
    } finally {
      setBusy(false)
    }
  }
  if (chosen) {
    return (
      <View className="field">
        <View className="field__label">{label}</View>
        <View className="choice choice--on" onClick={() => onChoose(null)}>
          {chosen.nickname}（{chosen.community}）<View className="choice__mark">更换</View>
        </View>
      </View>
    )
  }
  return (
    <View className="field person-picker">
      <View className="field__label">{label}</View>
      <View className="person-picker__row">
        <Input
          className="input person-picker__input"
          value={q}
          maxlength={20}
          placeholder="输入昵称查找认证居民"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Button
          size="small"
          kind="secondary"
          busy={busy}
          busyText="查找中"
          disabled={!q.trim()}
          onClick={() => void search()}
        >
          查找
        </Button>
      </View>
      {found && found.length === 0 && (
        <View className="field__hint">没有找到昵称含“{q.trim()}”的认证居民。</View>
      )}
      {found?.map((p) => (
        <View key={p.id} className="choice" onClick={() => onChoose(p)}>
          {p.nickname}（{p.community}）
        </View>
      ))}
    </View>
  )
}
