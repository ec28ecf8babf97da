// Article-by-article comparison of two versions of a convention. Articles that stayed word for
// word are matched first (longest common subsequence), so inserting or deleting an article does
// not mark every later one as changed; between two matches, the remaining articles are paired
// in order as "changed", and what is left over was added or removed.

export type ArticleChange = {
  /** The article's number in the new version (in the old one, for a removed article). */
  article: number
  fromArticle: number | null
  toArticle: number | null
  change: 'same' | 'changed' | 'added' | 'removed'
  from: string | null
  to: string | null
}

/** Index pairs (i in a, j in b) of a longest common subsequence of equal articles. */
function commonArticles(a: string[], b: string[]): [number, number][] {
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  )
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] =
        a[i] === b[j]
          ? lengths[i + 1]![j + 1]! + 1
          : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!)
    }
  }
  const pairs: [number, number][] = []
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.push([i++, j++])
    else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++
    else j++
  }
  return pairs
}

export function compareArticles(a: string[], b: string[]): ArticleChange[] {
  const out: ArticleChange[] = []
  let i = 0
  let j = 0
  const gap = (untilI: number, untilJ: number) => {
    while (i < untilI && j < untilJ) {
      out.push({
        article: j + 1,
        fromArticle: i + 1,
        toArticle: j + 1,
        change: 'changed',
        from: a[i]!,
        to: b[j]!,
      })
      i++
      j++
    }
    for (; i < untilI; i++)
      out.push({
        article: i + 1,
        fromArticle: i + 1,
        toArticle: null,
        change: 'removed',
        from: a[i]!,
        to: null,
      })
    for (; j < untilJ; j++)
      out.push({
        article: j + 1,
        fromArticle: null,
        toArticle: j + 1,
        change: 'added',
        from: null,
        to: b[j]!,
      })
  }
  for (const [x, y] of commonArticles(a, b)) {
    gap(x, y)
    out.push({
      article: y + 1,
      fromArticle: x + 1,
      toArticle: y + 1,
      change: 'same',
      from: a[x]!,
      to: b[y]!,
    })
    i = x + 1
    j = y + 1
  }
  gap(a.length, b.length)
  return out
}
