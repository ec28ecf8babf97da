// Tab pages live in the main package (kept small); each domain is a subpackage named as the
// worker's domain folder (packages/<domain>/, docs/architecture.md). The identity domain has two:
// the resident's (identity) and the 居委会 workbench (staff), so residents never download the latter.
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/ideas/index',
    'pages/council/index',
    'pages/booking/index',
    'pages/mine/index',
  ],
  subPackages: [
    {
      root: 'packages/identity',
      pages: [
        'pages/login/index',
        'pages/community/index',
        'pages/privacy/index',
        'pages/verify/index',
        'pages/my-data/index',
      ],
    },
    {
      root: 'packages/staff',
      pages: [
        'pages/index/index',
        'pages/requests/index',
        'pages/households/index',
        'pages/invite-codes/index',
        'pages/residents/index',
        'pages/roles/index',
        'pages/ownership/index',
        'pages/ownership-unit/index',
        'pages/alley-posters/index',
      ],
    },
    // 代办 (decision 019): staff and 楼组长 acting for residents without WeChat; residents never download it.
    {
      root: 'packages/acting',
      pages: ['pages/index/index', 'pages/register/index', 'pages/resident/index'],
    },
    // 网格与楼组 (decision 018): 楼组长, 网格员 and staff; residents never download it.
    {
      root: 'packages/grid',
      pages: ['pages/index/index', 'pages/scope/index', 'pages/manage/index'],
    },
    { root: 'packages/audit', pages: ['pages/index/index'] },
    // 内容审核 and 敏感词库 (decision 013): staff only, so residents never download them.
    { root: 'packages/moderation', pages: ['pages/queue/index', 'pages/words/index'] },
    {
      root: 'packages/conventions',
      pages: [
        'pages/detail/index',
        'pages/vote/index',
        'pages/versions/index',
        'pages/poster/index',
        'pages/edit/index',
        'pages/manage/index',
        'pages/paper/index',
      ],
    },
    {
      root: 'packages/suggestions',
      pages: [
        'pages/detail/index',
        'pages/submit/index',
        'pages/mine/index',
        'pages/moderation/index',
        'pages/settings/index',
      ],
    },
    {
      root: 'packages/meetings',
      pages: [
        'pages/detail/index',
        'pages/edit/index',
        'pages/door/index',
        'pages/attendance/index',
        'pages/minutes/index',
        'pages/invite/index',
        'pages/mine/index',
      ],
    },
    { root: 'packages/inbox', pages: ['pages/index/index', 'pages/settings/index'] },
    // 民事民评 in public: the 三率 page, the street view, the resolutions register (with ECharts,
    // which only this subpackage downloads).
    {
      root: 'packages/transparency',
      pages: ['pages/community/index', 'pages/street/index', 'pages/register/index'],
    },
    {
      root: 'packages/bookings',
      pages: [
        'pages/room/index',
        'pages/mine/index',
        'pages/manage/index',
        'pages/rooms/index',
        'pages/room-edit/index',
        'pages/door-sign/index',
        'pages/blackouts/index',
        'pages/groups/index',
        'pages/policy/index',
        'pages/utilisation/index',
      ],
    },
    // Old addresses that stay valid: 楼道 door signs printed with the 我的预约 QR code, and
    // notices and shared links to a 金点子 from before the subpackages took the worker's names.
    // Each page only redirects to its new address with the same query (lib/redirect.ts).
    { root: 'packages/ideas', pages: ['pages/detail/index'] },
    { root: 'packages/booking', pages: ['pages/mine/index'] },
  ],
  window: {
    // WeChat's default; in H5 it turns on Taro's own bar, so a shared link is no dead end (lib/h5-chrome.h5.ts).
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#FBF7F2',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'black',
    backgroundColor: '#F5EFE7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#5C5149',
    selectedColor: '#A3421C',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/ideas/index',
        text: '金点子',
        iconPath: 'assets/tab/ideas.png',
        selectedIconPath: 'assets/tab/ideas-active.png',
      },
      {
        pagePath: 'pages/council/index',
        text: '议事',
        iconPath: 'assets/tab/council.png',
        selectedIconPath: 'assets/tab/council-active.png',
      },
      {
        pagePath: 'pages/booking/index',
        text: '预约',
        iconPath: 'assets/tab/booking.png',
        selectedIconPath: 'assets/tab/booking-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
  // Subpackages the resident is likely to open next are fetched in the background.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/identity'] },
    'pages/mine/index': { network: 'all', packages: ['packages/identity'] },
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat requires declaring location APIs: 金点子 lets a resident pick a map point.
  requiredPrivateInfos: ['chooseLocation'],
})
