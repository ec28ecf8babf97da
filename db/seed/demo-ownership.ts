// Ownership (业主) of the demo street, as staff would have recorded it from the certificates
// (decision 011): every unit has a title, so a Civil Code vote can open anywhere. Most owners do
// not use the app and are recorded by name. The cases a newcomer should see working:
//  - 王阿姨 (resident-wang) owns two flats in 梧桐苑: her own 1号楼1单元301 and 2号楼1单元102,
//    which she lets — one owner, one vote carrying both areas;
//  - 李师傅 (resident-li) rents 2号楼2单元502 from 刘志强: a tenant, refused in Civil Code votes;
//  - 张大爷 (resident-zhang) owns 槐荫里5弄1单元201, where he lives;
//  - 吴老师 (committee-wu) and her husband 陈明 co-own 3号楼3单元602: one unit, one ballot;
//  - 青梧置业 still holds four unsold flats on the top floor of 3号楼: together one owner.

type Row = Record<string, string | number | null>
type Insert = (table: string, row: Row) => string

export type DemoHousehold = { id: string; communityId: string; staffId: string }

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'
const GIVEN = [
  '建华',
  '秀兰',
  '志强',
  '丽娟',
  '国平',
  '桂英',
  '海燕',
  '文斌',
  '玉梅',
  '晓东',
  '淑珍',
  '永红',
  '建军',
  '凤英',
  '伟民',
  '美华',
  '德明',
  '春兰',
  '立新',
  '慧敏',
  '振国',
  '雪芳',
]

/** A deterministic name per unit, so the seed is the same on every machine. */
function ownerName(i: number): string {
  return `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 5 + 3) % GIVEN.length]}`
}

/** 不动产权证 numbers in the format of the certificates issued in 杭州. */
function certificateNo(i: number): string {
  const year = 2008 + (i % 14)
  return `浙(${year})杭州市不动产权第${String(100000 + ((i * 48271) % 900000)).padStart(7, '0')}号`
}

const DEVELOPER_UNITS = [
  'hh-wutong-3-1-601',
  'hh-wutong-3-1-602',
  'hh-wutong-3-2-601',
  'hh-wutong-3-2-602',
]

/** Owners who use the app (their owner rows are linked to their demo accounts). */
const APP_OWNERS: { ownerId: string; userId: string; name: string; units: string[] }[] = [
  {
    ownerId: 'ow-wang',
    userId: 'us-resident-wang',
    name: '王秀英',
    units: ['hh-wutong-1-1-301', 'hh-wutong-2-1-102'],
  },
  {
    ownerId: 'ow-zhang',
    userId: 'us-resident-zhang',
    name: '张德顺',
    units: ['hh-huaiyin-5-1-201'],
  },
  { ownerId: 'ow-wu', userId: 'us-committee-wu', name: '吴静', units: ['hh-wutong-3-3-602'] },
]

/** Owners recorded by name for the special cases (the rest get one generated owner per unit). */
const NAMED: { ownerId: string; name: string; units: string[] }[] = [
  { ownerId: 'ow-wu-spouse', name: '陈明', units: ['hh-wutong-3-3-602'] },
  { ownerId: 'ow-liu-landlord', name: '刘志强', units: ['hh-wutong-2-2-502'] },
]

export function demoOwnershipStatements(
  insert: Insert,
  at: number,
  households: DemoHousehold[],
): string[] {
  const out: string[] = []
  const special = new Set([
    ...DEVELOPER_UNITS,
    ...APP_OWNERS.flatMap((o) => o.units),
    ...NAMED.flatMap((o) => o.units),
  ])
  const communityOf = new Map(households.map((h) => [h.id, h]))
  const title = (h: DemoHousehold, i: number, developer: boolean) =>
    // The registered area is the ledger's (households.floor_area_dm2): the certificates agree.
    `INSERT OR IGNORE INTO unit_titles (household_id, community_id, registered_area_dm2, certificate_no, developer_unsold, recorded_by, recorded_at) SELECT id, community_id, floor_area_dm2, ${developer ? 'NULL' : `'${certificateNo(i)}'`}, ${developer ? 1 : 0}, '${h.staffId}', ${at} FROM households WHERE id = '${h.id}';`
  const owner = (id: string, h: DemoHousehold, name: string, kind = 'person', userId?: string) =>
    insert('owners', {
      id,
      community_id: h.communityId,
      kind,
      user_id: userId ?? null,
      name,
      created_by: h.staffId,
      created_at: at,
    })
  const owns = (householdId: string, ownerId: string) =>
    insert('unit_owners', { household_id: householdId, owner_id: ownerId })

  households.forEach((h, i) => {
    out.push(title(h, i, DEVELOPER_UNITS.includes(h.id)))
    if (special.has(h.id)) return
    out.push(owner(`ow-${h.id.slice(3)}`, h, ownerName(i)), owns(h.id, `ow-${h.id.slice(3)}`))
  })
  const developerHome = communityOf.get(DEVELOPER_UNITS[0]!)!
  out.push(owner('ow-developer-qingwu', developerHome, '青梧置业有限公司', 'developer'))
  for (const unit of DEVELOPER_UNITS) out.push(owns(unit, 'ow-developer-qingwu'))
  for (const o of APP_OWNERS) {
    out.push(owner(o.ownerId, communityOf.get(o.units[0]!)!, o.name, 'person', o.userId))
    for (const unit of o.units) out.push(owns(unit, o.ownerId))
  }
  for (const o of NAMED) {
    out.push(owner(o.ownerId, communityOf.get(o.units[0]!)!, o.name))
    for (const unit of o.units) out.push(owns(unit, o.ownerId))
  }
  return out
}
