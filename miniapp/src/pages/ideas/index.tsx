import { Input, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import {
  getModerationQueue,
  listMySuggestions,
  listSuggestions,
} from '@/packages/suggestions/tab-api'
import type { SuggestionCategory, SuggestionStatus } from '@/packages/suggestions/api'
import { useSession } from '@/auth/session'
import { Button } from '@/components/button'
import { Card } from '@/components/card'
import { ChoiceChips } from '@/components/choice-chips'
import { Segmented } from '@/components/segmented'
import { Empty, ErrorState, Loading } from '@/components/states'
import { go } from '@/lib/nav'
import { useAsync, useRefreshOnShow } from '@/lib/use-async'
import { useCurrentCommunity } from '@/packages/places/use-community'
import {
  CATEGORY_LABELS,
  EIGHT_DISORDERS,
  FILTER_STATUSES,
  OTHER_CATEGORIES,
  STATUS_LABELS,
} from '@/packages/suggestions/lib/labels'
import {
  activeFilterCount,
  DEFAULT_FILTERS,
  emptyTitle,
  filterSummary,
  isRankedSearch,
  listKey,
  MAX_SEARCH_LENGTH,
  normalizeSearch,
  searchButton,
  SORT_OPTIONS,
  toListQuery,
  type ListFilters,
} from '@/packages/suggestions/lib/list-query'
import { openIdeas } from '@/packages/suggestions/lib/routes'
import { SuggestionCard } from '@/packages/suggestions/components/suggestion-card'
import { usePagedList } from '@/lib/use-paged-list'
import { ideasPowers, unreadCount } from '@/packages/suggestions/lib/viewer'
import { Page } from '@/components/page'
import './index.scss'
import { ariaBool, FOCUSABLE } from '@/components/a11y'
import { ListMore } from '@/components/list-more'

const categoryOptions = (list: SuggestionCategory[]) =>
  list.map((value) => ({ value, label: CATEGORY_LABELS[value] }))
const STATUS_OPTIONS = FILTER_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))

function FilterPanel({
  filters,
  alleys,
  onChange,
  onClose,
}: {
  filters: ListFilters
  alleys: { id: string; name: string }[]
  onChange: (next: ListFilters) => void
  onClose: () => void
}) {
  return (
    <Card className="filter-panel">
      <View className="filter-panel__title">进展</View>
      <ChoiceChips<SuggestionStatus>
        options={STATUS_OPTIONS}
        value={filters.status ?? null}
        noneLabel="全部"
        onChange={(status) => onChange({ ...filters, status: status ?? undefined })}
      />
      <View className="filter-panel__title">问题类别</View>
      <ChoiceChips<SuggestionCategory>
        options={[...categoryOptions(EIGHT_DISORDERS), ...categoryOptions(OTHER_CATEGORIES)]}
        value={filters.category ?? null}
        noneLabel="全部"
        onChange={(category) => onChange({ ...filters, category: category ?? undefined })}
      />
      {alleys.length > 0 && (
        <>
          <View className="filter-panel__title">背街小巷</View>
          <ChoiceChips<string>
            options={alleys.map((a) => ({ value: a.id, label: a.name }))}
            value={filters.alleyId ?? null}
            noneLabel="全部"
            onChange={(alleyId) => onChange({ ...filters, alleyId: alleyId ?? undefined })}
          />
        </>
      )}
      <View className="btn-row card-action">
        <Button kind="quiet" onClick={() => onChange({ sort: filters.sort, q: filters.q })}>
          清除筛选
        </Button>
        <Button onClick={onClose}>看结果</Button>
      </View>
    </Card>
  )
}

export default function IdeasPage() {
  const state = useSession()
  const community = useCurrentCommunity()
  const communityId = community.communityId
  const powers = ideasPowers(state.me, communityId)
  const signedIn = Boolean(state.token && state.me)

  const [filters, setFilters] = useState<ListFilters>(DEFAULT_FILTERS)
  const [searchText, setSearchText] = useState('')
  const [filtersOpen, setFiltersOpen] = useState(false)

  const list = usePagedList(
    (cursor) => listSuggestions(communityId ?? '', toListQuery(filters, cursor)),
    listKey(communityId ?? '', filters),
    Boolean(communityId),
  )
  const mine = useAsync(
    async () =>
      signedIn
        ? unreadCount(
            ...(await Promise.all([listMySuggestions('mine'), listMySuggestions('supported')])).map(
              (r) => r.items,
            ),
          )
        : 0,
    signedIn ? `mine:${state.me?.user.id ?? ''}` : 'signed-out',
  )
  const queue = useAsync(
    () =>
      powers.canModerate && communityId ? getModerationQueue(communityId) : Promise.resolve(null),
    powers.canModerate ? `queue:${communityId ?? ''}` : 'no-queue',
  )

  const refresh = async () => {
    await Promise.allSettled([list.reload(), mine.reload(), queue.reload(), community.reload()])
  }
  useRefreshOnShow(() => void refresh())
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (list.hasMore && !list.loading) void list.loadMore()
  })

  const search = () => setFilters((f) => ({ ...f, q: normalizeSearch(searchText) }))
  const clearSearch = () => {
    setSearchText('')
    setFilters((f) => ({ ...f, q: undefined }))
  }

  const alleys = community.data?.alleys ?? []
  const summary = filterSummary(filters, alleys)
  const unread = mine.data ?? 0
  const pending = queue.data ? queue.data.submissions.length + queue.data.flags.length : 0

  if (!communityId) {
    return (
      <Page>
        <View className="page-title">金点子</View>
        <Card title="请先选择社区">
          <View className="paragraph">选择社区后，这里会列出邻居们为背街小巷提出的金点子。</View>
          <Button block onClick={() => go('community')}>
            选择社区
          </Button>
        </Card>
      </Page>
    )
  }

  return (
    <Page>
      <View className="page-title">金点子</View>
      <View className="lead">
        {community.data ? `${community.data.name} · ` : ''}
        背街小巷怎么管、怎么改，您来出主意，居委会限时答复。
      </View>

      <View className="ideas-actions page__primary">
        <Button className="ideas-actions__main" onClick={() => openIdeas('submit')}>
          ＋ 提金点子
        </Button>
        <Button kind="secondary" onClick={() => (signedIn ? openIdeas('mine') : go('login'))}>
          我的金点子
          {unread > 0 && <View className="dot-count">{unread}</View>}
        </Button>
      </View>

      {powers.canModerate && (
        <Card tone="accent" title="工作人员">
          <View
            className="tap-row"
            ariaRole="button"
            {...FOCUSABLE}
            onClick={() => openIdeas('moderation', { communityId })}
          >
            <View>审核与举报{pending > 0 ? `（${pending} 条待处理）` : ''}</View>
            <View className="tap-row__arrow">›</View>
          </View>
          <View
            className="tap-row"
            ariaRole="button"
            {...FOCUSABLE}
            onClick={() => openIdeas('settings', { communityId })}
          >
            <View>答复门槛与模板</View>
            <View className="tap-row__arrow">›</View>
          </View>
        </Card>
      )}

      <View className="search">
        <Input
          className="input search__input"
          value={searchText}
          maxlength={MAX_SEARCH_LENGTH}
          confirmType="search"
          placeholder="搜索，例如：路灯"
          placeholderClass="placeholder"
          onInput={(e) => setSearchText(e.detail.value)}
          onConfirm={search}
        />
        {searchButton(searchText, filters.q) === '清除' ? (
          <Button kind="secondary" size="small" onClick={clearSearch}>
            清除
          </Button>
        ) : (
          <Button size="small" onClick={search}>
            搜索
          </Button>
        )}
      </View>

      {isRankedSearch(filters.q) ? (
        <View className="muted">按与“{filters.q}”的相关程度排列</View>
      ) : (
        <Segmented
          options={SORT_OPTIONS}
          value={filters.sort}
          onChange={(sort) => setFilters((f) => ({ ...f, sort }))}
        />
      )}

      <View
        className={summary ? 'filter-bar filter-bar--on' : 'filter-bar'}
        ariaRole="button"
        aria-expanded={ariaBool(filtersOpen)}
        {...FOCUSABLE}
        onClick={() => setFiltersOpen((o) => !o)}
      >
        <View>{summary ? `筛选：${summary}` : '筛选：进展、类别、小巷'}</View>
        <View className="filter-bar__arrow">{filtersOpen ? '收起 ▲' : '展开 ▼'}</View>
      </View>
      {powers.canHandle && (
        <View className="chips">
          <View
            className={filters.overdue ? 'chip chip--on' : 'chip'}
            ariaRole="checkbox"
            aria-checked={ariaBool(filters.overdue)}
            {...FOCUSABLE}
            onClick={() => setFilters((f) => ({ ...f, overdue: !f.overdue }))}
          >
            {filters.overdue ? '✓ ' : ''}只看逾期未答复
          </View>
        </View>
      )}
      {filtersOpen && (
        <FilterPanel
          filters={filters}
          alleys={alleys}
          onChange={setFilters}
          onClose={() => setFiltersOpen(false)}
        />
      )}

      {list.loading && list.items.length === 0 && <Loading />}
      {list.error != null && list.items.length === 0 && (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      )}
      {!list.loading && list.error == null && list.items.length === 0 && (
        <Empty title={emptyTitle(filters)}>
          {filters.q || activeFilterCount(filters) > 0 ? (
            <Button
              kind="secondary"
              onClick={() => {
                setSearchText('')
                setFilters({ sort: filters.sort })
              }}
            >
              看全部金点子
            </Button>
          ) : (
            <View>您发现的问题、想到的好办法，都可以提出来。</View>
          )}
        </Empty>
      )}

      {list.items.map((item) => (
        <SuggestionCard
          key={item.id}
          item={item}
          showOverdue={powers.canHandle}
          onOpen={(id) => openIdeas('detail', { id })}
        />
      ))}

      <ListMore list={list} />
    </Page>
  )
}
