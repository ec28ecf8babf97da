// Demo 微规约: one in consultation (residents comment article by article, the committee replies)
// and one in voting (a household vote of 槐荫里 with its roll fixed), so that the 微规约 tab shows
// both stages on a fresh `npm start`. Like the coming 议事会, they are placed around the moment
// of seeding: the consultation and the vote are still running whenever the seed ran.

type Row = Record<string, string | number | null>
type Insert = (table: string, row: Row) => string

const HOUR = 3600_000
const DAY = 24 * HOUR
const SHANGHAI = 8 * HOUR

/** UTC ms of hh:00 Shanghai time, `days` after the Shanghai day containing `ms`. */
function shanghaiAt(ms: number, days: number, hour: number): number {
  const midnight = Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI
  return midnight + days * DAY + hour * HOUR
}

const DOGS = {
  id: 'cv-demo-dogs',
  title: '梧桐苑文明养犬公约',
  preamble:
    '为了让养犬的和不养犬的邻居都住得安心，经梧桐苑居民提议，议事会起草本公约，征求全体居民意见。',
  articles: [
    '出门遛狗一律牵绳，绳长不超过 1.5 米；电梯内抱起或收短牵绳。',
    '犬只粪便随手清理，楼道、草坪和儿童游乐区内不得遗留。',
    '晚上 10 点至早上 7 点，不在楼道和小区内大声训犬，避免犬只持续吠叫。',
    '大型犬不进入儿童游乐区；每年按时为犬只接种狂犬疫苗并办理登记。',
  ],
}

const PARKING = {
  id: 'cv-demo-parking',
  title: '槐荫里电动车停放公约',
  preamble:
    '槐荫里弄堂窄，电动车停在楼道口既堵路又有火灾隐患。经 5 弄、7 弄居民讨论，议事会拟定本公约，请各户表决。',
  articles: [
    '电动车一律停放在弄堂口的集中停放点，不停在楼道、门洞和消防通道。',
    '电动车和电池不进楼道、不进家门充电，统一使用集中充电桩。',
    '集中停放点由两弄居民轮流值日整理，值日表张贴在弄堂口。',
  ],
}

/** Statements for the two conventions; `now` is the moment of seeding. */
export function demoConventionStatements(insert: Insert, now = Date.now()): string[] {
  const out: string[] = []
  const version = (c: typeof DOGS, at: number) =>
    insert('convention_versions', {
      convention_id: c.id,
      version: 1,
      title: c.title,
      preamble: c.preamble,
      articles_json: JSON.stringify(c.articles),
      change_note: '初稿',
      created_by: 'us-committee-wu',
      created_at: at,
    })
  const event = (conventionId: string, n: number, kind: string, at: number) =>
    insert('convention_events', {
      id: `${conventionId}-ev${n}`,
      convention_id: conventionId,
      kind,
      actor_user_id: 'us-committee-wu',
      actor_role: 'committee',
      body: null,
      created_at: at,
    })

  // In consultation for two weeks, opened five days ago, with residents' comments.
  const drafted = now - 6 * DAY
  const opened = now - 5 * DAY
  out.push(
    insert('conventions', {
      id: DOGS.id,
      community_id: 'cm-huaishu',
      status: 'consultation',
      amends_id: null,
      scope_type: 'compounds',
      scope_ids_json: JSON.stringify(['cp-wutong']),
      current_version: 1,
      consultation_starts_at: opened,
      consultation_ends_at: shanghaiAt(now, 9, 20),
      representative_only: 0,
      created_by: 'us-committee-wu',
      created_at: drafted,
      updated_at: now - DAY,
    }),
    version(DOGS, drafted),
    event(DOGS.id, 0, 'drafted', drafted),
    event(DOGS.id, 1, 'consultation_opened', opened),
  )
  const comment = (n: number, row: Omit<Row, 'id' | 'convention_id' | 'version'>) =>
    insert('convention_comments', {
      id: `${DOGS.id}-c${n}`,
      convention_id: DOGS.id,
      version: 1,
      ...row,
    })
  out.push(
    comment(1, {
      article: 3,
      parent_id: null,
      author_user_id: 'us-resident-wang',
      author_label: '居民',
      body: '建议把晚上 10 点改成 9 点半，楼里有几位老人睡得早。',
      created_at: now - 3 * DAY,
    }),
    comment(2, {
      article: 3,
      parent_id: `${DOGS.id}-c1`,
      author_user_id: 'us-committee-wu',
      author_label: '吴老师（议事会）',
      body: '谢谢提议，征求意见结束后议事会一并讨论，修改稿会逐条列出改动。',
      created_at: now - 2 * DAY,
    }),
    comment(3, {
      article: 1,
      parent_id: null,
      author_user_id: 'us-resident-li',
      author_label: '居民',
      body: '支持牵绳。小区里能不能设一个遛狗的角落，免得都挤在草坪上？',
      created_at: now - DAY,
    }),
  )

  // In voting: one vote per household of 槐荫里 (5弄 and 7弄), half the households to be valid,
  // more than half of the votes cast to pass; opened two days ago, closing in five.
  const voteOpened = now - 2 * DAY
  out.push(
    insert('conventions', {
      id: PARKING.id,
      community_id: 'cm-huaishu',
      status: 'voting',
      amends_id: null,
      scope_type: 'compounds',
      scope_ids_json: JSON.stringify(['cp-huaiyin']),
      current_version: 1,
      consultation_starts_at: now - 16 * DAY,
      consultation_ends_at: now - 3 * DAY,
      rule: 'household',
      quorum_num: 1,
      quorum_den: 2,
      approval_num: 1,
      approval_den: 2,
      representative_only: 0,
      voting_version: 1,
      voting_opens_at: voteOpened,
      voting_closes_at: shanghaiAt(now, 5, 20),
      roll_basis: 'households',
      created_by: 'us-committee-wu',
      created_at: now - 17 * DAY,
      updated_at: voteOpened,
    }),
    version(PARKING, now - 17 * DAY),
    event(PARKING.id, 0, 'drafted', now - 17 * DAY),
    event(PARKING.id, 1, 'consultation_opened', now - 16 * DAY),
    event(PARKING.id, 2, 'voting_opened', voteOpened),
    // The roll as opening the vote fixes it (conventions/voting-service.ts): every household in scope.
    `INSERT OR IGNORE INTO convention_roll (convention_id, voter_key, household_id, building_id, floor_area_dm2)
      SELECT '${PARKING.id}', 'h:' || h.id, h.id, h.building_id, h.floor_area_dm2
      FROM households h JOIN buildings b ON b.id = h.building_id WHERE b.compound_id = 'cp-huaiyin';`,
    `UPDATE conventions SET
      roll_voters = (SELECT COUNT(*) FROM convention_roll WHERE convention_id = '${PARKING.id}'),
      roll_area_dm2 = (SELECT COALESCE(SUM(floor_area_dm2), 0) FROM convention_roll WHERE convention_id = '${PARKING.id}')
      WHERE id = '${PARKING.id}' AND roll_voters IS NULL;`,
    // Its turnout meter's rows, as the opening writes them (conventions/turnout.ts), ballots recounted.
    `INSERT OR IGNORE INTO convention_turnout (convention_id, building_id, roll_voters, roll_area_dm2, cast_voters, cast_area_dm2)
      SELECT r.convention_id, r.building_id, COUNT(*), COALESCE(SUM(r.floor_area_dm2), 0),
        (SELECT COUNT(*) FROM convention_ballots b WHERE b.convention_id = r.convention_id AND b.building_id = r.building_id),
        (SELECT COALESCE(SUM(b.floor_area_dm2), 0) FROM convention_ballots b WHERE b.convention_id = r.convention_id AND b.building_id = r.building_id)
      FROM convention_roll r WHERE r.convention_id = '${PARKING.id}' GROUP BY r.building_id;`,
  )
  return out
}
