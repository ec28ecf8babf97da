import { describe, expect, it } from 'vitest'
import {
  atLeast,
  decide,
  moreThan,
  tallyBallots,
  type CountedBallot,
  type DecisionRule,
  type RuleSettings,
} from '../../worker/conventions/decision-rules'

// Each rule at, just below and just above every threshold, with exact integer arithmetic.

const settings: RuleSettings = { quorum: { num: 1, den: 2 }, approval: { num: 2, den: 3 } }

function ballots(spec: { yes?: number[]; no?: number[]; abstain?: number[] }): CountedBallot[] {
  return [
    ...(spec.yes ?? []).map((areaDm2) => ({ option: 'yes' as const, count: 1, areaDm2 })),
    ...(spec.no ?? []).map((areaDm2) => ({ option: 'no' as const, count: 1, areaDm2 })),
    ...(spec.abstain ?? []).map((areaDm2) => ({ option: 'abstain' as const, count: 1, areaDm2 })),
  ]
}
const n = (count: number, area = 10000) => Array.from({ length: count }, () => area)
const run = (
  rule: DecisionRule,
  b: CountedBallot[],
  voters: number,
  areaDm2: number,
  s = settings,
) => decide(rule, tallyBallots(b, { voters, areaDm2 }), s)

describe('exact share comparisons', () => {
  it('compares by cross-multiplication, with no rounding at 2/3', () => {
    expect(atLeast(2, 3, { num: 2, den: 3 })).toBe(true)
    expect(atLeast(666_666, 1_000_000, { num: 2, den: 3 })).toBe(false)
    expect(atLeast(666_667, 1_000_000, { num: 2, den: 3 })).toBe(true)
    expect(moreThan(1, 2, { num: 1, den: 2 })).toBe(false)
    expect(moreThan(500_001, 1_000_000, { num: 1, den: 2 })).toBe(true)
  })
})

describe('simple: one vote per resident, quorum share, yes > no', () => {
  it('is invalid just below the quorum (4 of 10 at 1/2)', () => {
    const d = run('simple', ballots({ yes: n(4) }), 10, 0)
    expect(d).toMatchObject({ valid: false, passed: false })
    expect(d.decidedBy).toContain('未达到')
  })
  it('is valid exactly at the quorum (5 of 10) and passes when yes > no', () => {
    expect(run('simple', ballots({ yes: n(3), no: n(2) }), 10, 0)).toMatchObject({
      valid: true,
      passed: true,
    })
  })
  it('fails on a tie: yes must be more than no', () => {
    expect(run('simple', ballots({ yes: n(3), no: n(3) }), 10, 0)).toMatchObject({
      valid: true,
      passed: false,
    })
  })
  it('counts abstentions toward turnout but not approval', () => {
    // 1 yes + 0 no + 5 abstain = 6 of 10 take part → valid; yes 1 > no 0 → passes.
    expect(run('simple', ballots({ yes: n(1), abstain: n(5) }), 10, 0)).toMatchObject({
      valid: true,
      passed: true,
    })
    expect(run('simple', ballots({ abstain: n(6) }), 10, 0)).toMatchObject({
      valid: true,
      passed: false,
    })
  })
})

describe('household: quorum and approval shares of households', () => {
  it('passes exactly at the approval share (4 of 6 at 2/3)', () => {
    expect(run('household', ballots({ yes: n(4), no: n(2) }), 10, 0)).toMatchObject({
      valid: true,
      passed: true,
    })
  })
  it('fails just below the approval share (3 yes + 1 abstain of 6… = 3/6)', () => {
    expect(run('household', ballots({ yes: n(3), no: n(2), abstain: n(1) }), 10, 0)).toMatchObject({
      valid: true,
      passed: false,
    })
  })
  it('is invalid below the quorum and valid just above it', () => {
    expect(run('household', ballots({ yes: n(4) }), 10, 0).valid).toBe(false)
    expect(run('household', ballots({ yes: n(6) }), 11, 0).valid).toBe(true)
  })
})

describe('civil_code_ordinary: 2/3 participation by area and headcount, > 1/2 approval by both', () => {
  // 9 households of 100.00 m² (10000 dm²): total 900.00 m².
  const total = 9 * 10000
  it('is valid exactly at 2/3 of area and headcount (6 of 9, 600 of 900 m²)', () => {
    expect(run('civil_code_ordinary', ballots({ yes: n(4), no: n(2) }), 9, total).valid).toBe(true)
  })
  it('is invalid when headcount reaches 2/3 but area falls 0.01 m² short', () => {
    const b = ballots({ yes: [...n(5), 9999], no: [] })
    const d = run('civil_code_ordinary', b, 9, total)
    expect(d.valid).toBe(false)
    expect(d.decidedBy).toContain('专有部分面积')
  })
  it('is invalid when area reaches 2/3 but headcount does not (5 large households)', () => {
    const d = run(
      'civil_code_ordinary',
      ballots({ yes: [20000, 20000, 10000, 10000, 10000] }),
      9,
      total,
    )
    expect(d.valid).toBe(false)
    expect(d.decidedBy).toContain('人数')
  })
  it('fails at exactly half: approval must be more than half of both', () => {
    // 6 take part, 3 yes (300 m² of 600 m²) → exactly 1/2 → not passed.
    expect(run('civil_code_ordinary', ballots({ yes: n(3), no: n(3) }), 9, total)).toMatchObject({
      valid: true,
      passed: false,
    })
  })
  it('passes just above half of area and headcount', () => {
    // 4 yes of 7 participants; yes area 400.01 of 700.01 m².
    expect(
      run('civil_code_ordinary', ballots({ yes: [10001, ...n(3)], no: n(3) }), 9, total),
    ).toMatchObject({ valid: true, passed: true })
  })
  it('fails when more than half of households say yes but they hold no more than half of the area', () => {
    const d = run(
      'civil_code_ordinary',
      ballots({ yes: [5000, 5000, 5000, 5000], no: [20000, 20000] }),
      9,
      total,
    )
    expect(d).toMatchObject({ valid: true, passed: false })
    expect(d.decidedBy).toContain('专有部分面积')
  })
  it('counts abstentions in participation, not approval', () => {
    expect(
      run('civil_code_ordinary', ballots({ yes: n(3), abstain: n(3) }), 9, total),
    ).toMatchObject({ valid: true, passed: false })
  })
})

describe('civil_code_major: same participation, ≥ 3/4 approval by area and headcount', () => {
  const total = 8 * 10000
  it('passes exactly at 3/4 (6 of 8 participants, 600 of 800 m²)', () => {
    expect(run('civil_code_major', ballots({ yes: n(6), no: n(2) }), 8, total)).toMatchObject({
      valid: true,
      passed: true,
    })
  })
  it('fails just below 3/4 of the area (0.01 m² short)', () => {
    const d = run(
      'civil_code_major',
      ballots({ yes: [...n(5), 9999], no: [10001, 10000] }),
      8,
      total,
    )
    expect(d).toMatchObject({ valid: true, passed: false })
  })
  it('fails just below 3/4 of headcount', () => {
    expect(run('civil_code_major', ballots({ yes: n(5), no: n(2) }), 7, 7 * 10000)).toMatchObject({
      valid: true,
      passed: false,
    })
  })
  it('is invalid below 2/3 participation whatever the approval', () => {
    expect(run('civil_code_major', ballots({ yes: n(5) }), 8, total).valid).toBe(false)
  })
})

describe('the tally of ballots summed per option', () => {
  it('equals the tally of the same ballots one by one', () => {
    const single = ballots({ yes: [8950, 10000, 12050], no: [7000], abstain: [9000, 9100] })
    const grouped: CountedBallot[] = [
      { option: 'yes', count: 3, areaDm2: 8950 + 10000 + 12050 },
      { option: 'no', count: 1, areaDm2: 7000 },
      { option: 'abstain', count: 2, areaDm2: 9000 + 9100 },
    ]
    const roll = { voters: 10, areaDm2: 100_000 }
    expect(tallyBallots(grouped, roll)).toEqual(tallyBallots(single, roll))
    expect(tallyBallots(grouped, roll).cast).toEqual({ count: 6, areaDm2: 56_100 })
  })
})
