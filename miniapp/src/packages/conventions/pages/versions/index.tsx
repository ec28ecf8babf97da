import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { diffVersions, listVersions } from '@/packages/conventions/api'
import { Badge } from '@/components/badge'
import { Card } from '@/components/card'
import { Segmented } from '@/components/segmented'
import { ErrorState, Loading } from '@/components/states'
import { formatDateTime } from '@/lib/format'
import { useAsync } from '@/lib/use-async'
import { Segments } from '@/packages/conventions/components/segments'
import { CHANGE_NAMES, diffView } from '@/packages/conventions/lib/text-diff'
import { Page } from '@/components/page'
import '@/packages/conventions/conventions.scss'
import { ariaBool, FOCUSABLE } from '@/components/a11y'

const CHANGE_TONES = { same: 'plain', changed: 'warn', added: 'ok', removed: 'danger' } as const

function VersionPicker({
  label,
  versions,
  value,
  onChange,
}: {
  label: string
  versions: number[]
  value: number
  onChange: (v: number) => void
}) {
  return (
    <View className="version-pick">
      <View className="version-pick__label">{label}</View>
      <View className="chips">
        {versions.map((v) => (
          <View
            key={v}
            className={v === value ? 'chip chip--on' : 'chip'}
            ariaRole="radio"
            aria-checked={ariaBool(v === value)}
            {...FOCUSABLE}
            onClick={() => onChange(v)}
          >
            第{v}版
          </View>
        ))}
      </View>
    </View>
  )
}

function Compare({ id, from, to }: { id: string; from: number; to: number }) {
  const diff = useAsync(() => diffVersions(id, from, to), `${id}:${from}:${to}`)
  const [only, setOnly] = useState<'changes' | 'all'>('changes')
  if (diff.loading && !diff.data) return <Loading />
  if (!diff.data) return <ErrorState error={diff.error} onRetry={() => void diff.reload()} />
  const view = diffView(diff.data)
  const rows = only === 'changes' ? view.articles.filter((a) => a.change !== 'same') : view.articles
  return (
    <>
      <View className="notice notice--info">
        第{from}版 → 第{to}版：{view.summary}
      </View>
      <Segmented
        options={[
          { value: 'changes', label: '只看改动' },
          { value: 'all', label: '全部条文' },
        ]}
        value={only}
        onChange={setOnly}
      />
      {view.title.changed && (
        <View className="diff-article diff-article--changed">
          <View className="diff-article__head">
            <View>标题</View>
            <Badge tone="warn">有修改</Badge>
          </View>
          <View className="diff-article__text">
            <Segments segments={view.title.segments} />
          </View>
        </View>
      )}
      {(view.preamble.changed || only === 'all') && view.preamble.segments.length > 0 && (
        <View
          className={
            view.preamble.changed
              ? 'diff-article diff-article--changed'
              : 'diff-article diff-article--same'
          }
        >
          <View className="diff-article__head">
            <View>前言</View>
            {view.preamble.changed && <Badge tone="warn">有修改</Badge>}
          </View>
          <View className="diff-article__text">
            <Segments segments={view.preamble.segments} />
          </View>
        </View>
      )}
      {rows.length === 0 && <View className="muted">条文没有改动。</View>}
      {rows.map((a) => (
        <View className={`diff-article diff-article--${a.change}`} key={a.article}>
          <View className="diff-article__head">
            <View>第{a.article}条</View>
            <Badge tone={CHANGE_TONES[a.change]}>{CHANGE_NAMES[a.change]}</Badge>
          </View>
          <View className="diff-article__text">
            <Segments segments={a.segments} />
          </View>
        </View>
      ))}
      <View className="muted card-action">
        <Text className="diff-del">删去的文字</Text> 和 <Text className="diff-ins">新加的文字</Text>{' '}
        已标出。按条号对比：第 n 条对第 n 条。
      </View>
    </>
  )
}

export default function VersionsPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const versions = useAsync(() => listVersions(id), id)
  const [from, setFrom] = useState(0)
  const [to, setTo] = useState(0)
  const items = useMemo(() => versions.data?.items ?? [], [versions.data])
  // Compare the latest version with the one before it until the resident picks others.
  useEffect(() => {
    if (items.length > 0 && to === 0) {
      const last = items[items.length - 1]!.version
      setTo(last)
      setFrom(Math.max(1, last - 1))
    }
  }, [items, to])

  if (versions.loading && !versions.data) return <Loading />
  if (!versions.data)
    return <ErrorState error={versions.error} onRetry={() => void versions.reload()} />
  const numbers = items.map((v) => v.version)

  return (
    <Page>
      <View className="page-title">修改历史</View>
      <Card title={`共 ${items.length} 个版本`}>
        {[...items].reverse().map((v) => (
          <View className="list-item" key={v.version}>
            <View className="list-item__title">
              第{v.version}版 · {v.title}
            </View>
            <View className="list-item__meta">
              {formatDateTime(v.createdAt)} · {v.articles.length} 条
            </View>
            <View className="list-item__meta">说明：{v.changeNote}</View>
          </View>
        ))}
      </Card>

      {items.length > 1 && to > 0 && (
        <Card title="逐条对比">
          <VersionPicker label="旧版" versions={numbers} value={from} onChange={setFrom} />
          <VersionPicker label="新版" versions={numbers} value={to} onChange={setTo} />
          {from === to ? (
            <View className="muted">请选择两个不同的版本。</View>
          ) : (
            <Compare id={id} from={from} to={to} />
          )}
        </Card>
      )}
    </Page>
  )
}
