import { View } from '@tarojs/components'
import { useState, type ReactElement } from 'react'
import { amendConvention, closeVoting, type ConventionDetail } from '@/packages/conventions/api'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { showError, showSuccess } from '@/lib/errors'
import { formatDateTime } from '@/lib/format'
import { confirm, openPage, replacePage } from '@/packages/conventions/lib/taro'

/** The committee's next steps for this convention (and staff's paper ballots), by status. */
export function ManagePanel({
  detail,
  now,
  onChanged,
}: {
  detail: ConventionDetail
  now: number
  onChanged: () => void
}) {
  const [busy, setBusy] = useState<string | null>(null)
  const { viewer, status } = detail
  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key)
    try {
      await action()
    } catch (e) {
      showError(e)
    } finally {
      setBusy(null)
    }
  }

  const close = () =>
    run('close', async () => {
      if (
        !(await confirm(
          '关闭表决并计票',
          '表决期已过。关闭后立即计票并公布结果，不能再投票。',
          '关闭并计票',
        ))
      )
        return
      await closeVoting(detail.id)
      showSuccess('已计票')
      onChanged()
    })

  const amend = () =>
    run('amend', async () => {
      if (
        !(await confirm(
          '起草修订版',
          '以现行条文为基础起草一份修订草案。修订版同样要征求意见、表决和备案，生效后取代现行版本。',
          '起草',
        ))
      )
        return
      const draft = await amendConvention(detail.id)
      replacePage('detail', { id: draft.id })
    })

  const windowOver = detail.votingClosesAt !== null && now >= detail.votingClosesAt
  const buttons: ReactElement[] = []
  if (viewer.canManage) {
    if (status === 'draft' || status === 'consultation') {
      buttons.push(
        <Button
          key="revise"
          kind="secondary"
          block
          onClick={() => openPage('edit', { id: detail.id })}
        >
          修改条文（保存为新版本）
        </Button>,
      )
    }
    if (status === 'draft') {
      buttons.push(
        <Button
          key="consult"
          block
          onClick={() => openPage('manage', { id: detail.id, action: 'consultation' })}
        >
          开始征求意见
        </Button>,
      )
    }
    if (status === 'draft' || status === 'consultation') {
      buttons.push(
        <Button
          key="vote"
          kind={status === 'draft' ? 'secondary' : 'primary'}
          block
          onClick={() => openPage('manage', { id: detail.id, action: 'voting' })}
        >
          开始表决
        </Button>,
      )
    }
    if (status === 'voting') {
      buttons.push(
        <Button
          key="close"
          block
          disabled={!windowOver}
          busy={busy === 'close'}
          busyText="正在计票…"
          onClick={() => void close()}
        >
          {windowOver
            ? '关闭表决并计票'
            : `${detail.votingClosesAt ? formatDateTime(detail.votingClosesAt) : '截止'}后可关闭表决`}
        </Button>,
      )
    }
    if (status === 'closed' && detail.passed && !detail.filing) {
      buttons.push(
        <Button
          key="file"
          block
          onClick={() => openPage('manage', { id: detail.id, action: 'filing' })}
        >
          登记备案并生效
        </Button>,
      )
    }
    if (status === 'in_force') {
      buttons.push(
        <Button
          key="amend"
          kind="secondary"
          block
          busy={busy === 'amend'}
          onClick={() => void amend()}
        >
          起草修订版
        </Button>,
      )
    }
  }
  if (viewer.canRecordPaper) {
    buttons.push(
      <Button
        key="paper"
        kind="secondary"
        block
        onClick={() => openPage('paper', { id: detail.id })}
      >
        登记纸质表决票
      </Button>,
    )
  }
  if (buttons.length === 0) return null
  return (
    <Card title={viewer.canManage ? '议事会操作' : '工作人员操作'} tone="accent">
      {status === 'draft' && (
        <View className="paragraph">
          草案只有议事会和工作人员能看到。条文定稿后可以先征求居民意见，也可以直接开始表决。
        </View>
      )}
      <View className="manage-actions">{buttons}</View>
    </Card>
  )
}
