import { describe, expect, it } from 'vitest'
import { compareArticles } from '../../worker/conventions/article-diff'

// Comparing two versions of a convention article by article.

const changes = (a: string[], b: string[]) =>
  compareArticles(a, b).map((c) => `${c.change}:${c.fromArticle ?? '-'}>${c.toArticle ?? '-'}`)

describe('compareArticles', () => {
  it('keeps later articles "same" when one is inserted before them', () => {
    expect(changes(['甲', '乙', '丙'], ['甲', '新', '乙', '丙'])).toEqual([
      'same:1>1',
      'added:->2',
      'same:2>3',
      'same:3>4',
    ])
  })
  it('keeps later articles "same" when one is deleted', () => {
    expect(changes(['甲', '乙', '丙'], ['甲', '丙'])).toEqual([
      'same:1>1',
      'removed:2>-',
      'same:3>2',
    ])
  })
  it('pairs an edited article with its old wording', () => {
    expect(changes(['甲', '乙', '丙'], ['甲', '乙改', '丙'])).toEqual([
      'same:1>1',
      'changed:2>2',
      'same:3>3',
    ])
  })
  it('handles edits, additions and removals together, in order', () => {
    expect(changes(['甲', '乙', '丙', '丁'], ['甲改', '乙', '丁', '戊'])).toEqual([
      'changed:1>1',
      'same:2>2',
      'removed:3>-',
      'same:4>3',
      'added:->4',
    ])
  })
  it('handles empty versions', () => {
    expect(changes([], ['甲'])).toEqual(['added:->1'])
    expect(changes(['甲'], [])).toEqual(['removed:1>-'])
    expect(compareArticles(['甲'], ['甲'])[0]).toEqual({
      article: 1,
      fromArticle: 1,
      toArticle: 1,
      change: 'same',
      from: '甲',
      to: '甲',
    })
  })
})
