import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { refreshMe } from '@/packages/identity/actions'
import { Badge } from '@/components/badge'
import { Card } from '@/components/card'
import { roleName } from '@/packages/identity/labels'
import { openIdeas } from '@/packages/suggestions/lib/routes'
import { openStaffPage, type StaffPage } from '../../lib/routes'
import { useRefreshOnShow } from '@/lib/use-async'
import { StaffGate } from '@/packages/staff/components/staff-gate'
import { staffCommunities } from '@/packages/staff/lib/permissions'
import { useStaff } from '@/packages/staff/lib/use-staff'
import { Page } from '@/components/page'
import '@/packages/staff/staff.scss'

type Entry = { route: StaffPage; title: string; desc: string }

export default function StaffHomePage() {
  const context = useStaff()
  useRefreshOnShow(() => void refreshMe().catch(() => undefined))

  if (context.status !== 'ok') return <StaffGate context={context}>{null}</StaffGate>

  const { communityId, communityName, me } = context
  const communities = staffCommunities(me.roles)
  const entries: Entry[] = []
  if (context.canManageResidents) {
    entries.push(
      { route: 'staffRequests', title: '居民认证申请', desc: '审核居民提交的认证申请' },
      {
        route: 'staffHouseholds',
        title: '楼栋住户与邀请码',
        desc: '查看各户居民，生成并打印邀请码',
      },
      { route: 'staffResidents', title: '居民名单', desc: '设置户代表，撤销认证' },
      {
        route: 'staffActing',
        title: '代办',
        desc: '为没有微信的居民登记，替她提金点子、附议、报名会议',
      },
      {
        route: 'staffGrids',
        title: '网格与楼组',
        desc: '划分网格和楼组，任命网格员和楼组长，并排查看各网格',
      },
      {
        route: 'staffAlleyPosters',
        title: '背街小巷海报',
        desc: '每条小巷一张，居民扫码就能为这条小巷提金点子',
      },
      {
        route: 'staffOwnership',
        title: '房屋产权登记',
        desc: '按不动产权证登记业主和面积、开发商未售房、书面委托（民法典表决以此计票）',
      },
    )
  }
  if (context.canViewRolesAndAudit) {
    entries.push(
      {
        route: 'staffRoles',
        title: '职务与权限',
        desc: context.canGrantRoles ? '分配和撤销工作人员职务' : '查看本社区的工作人员',
      },
      { route: 'staffAudit', title: '操作记录', desc: '工作人员的每一次操作都有记录' },
      {
        route: 'staffModeration',
        title: '内容审核',
        desc: '机器审核扣下的评论、照片、昵称等：通过或驳回',
      },
      { route: 'staffContentWords', title: '敏感词库', desc: '本街道拒绝或需要人工审核的词语' },
    )
  }

  return (
    <Page>
      <View className="hero">
        <View className="hero__eyebrow">社区工作台</View>
        <View className="hero__title">{communityName}</View>
        <View className="facts">
          {context.roles.map((r) => (
            <Badge key={r} tone="plain">
              {roleName(r)}
            </Badge>
          ))}
        </View>
      </View>

      {communities.length > 1 && (
        <Card title="切换社区">
          <View className="chips">
            {communities.map((c) => (
              <View
                key={c.id}
                className={c.id === communityId ? 'chip chip--on' : 'chip'}
                onClick={() =>
                  void Taro.redirectTo({
                    url: `/packages/staff/pages/index/index?communityId=${c.id}`,
                  })
                }
              >
                {c.name}
              </View>
            ))}
          </View>
        </Card>
      )}

      {entries.length > 0 && (
        <Card>
          {entries.map((e) => (
            <View
              className="menu-row"
              key={e.route}
              ariaRole="button"
              onClick={() => openStaffPage(e.route, { communityId })}
            >
              <View>
                <View className="menu-row__title">{e.title}</View>
                <View className="menu-row__desc">{e.desc}</View>
              </View>
              <View className="menu-row__arrow">›</View>
            </View>
          ))}
        </Card>
      )}

      {context.canViewRolesAndAudit && (
        <Card title="金点子">
          <View
            className="menu-row"
            ariaRole="button"
            onClick={() => openIdeas('moderation', { communityId })}
          >
            <View>
              <View className="menu-row__title">审核与举报</View>
              <View className="menu-row__desc">公开新提交的金点子，处理居民举报</View>
            </View>
            <View className="menu-row__arrow">›</View>
          </View>
          <View
            className="menu-row"
            ariaRole="button"
            onClick={() => openIdeas('settings', { communityId })}
          >
            <View>
              <View className="menu-row__title">答复门槛与模板</View>
              <View className="menu-row__desc">多少户附议必须答复、几天内答复；常用答复</View>
            </View>
            <View className="menu-row__arrow">›</View>
          </View>
        </Card>
      )}

      {entries.length === 0 && (
        <View className="notice notice--info">
          您在本社区的职务是{context.roles.map(roleName).join('、')}
          。议事会、金点子答复和活动室管理等工作将在后续版本开放。
        </View>
      )}
    </Page>
  )
}
