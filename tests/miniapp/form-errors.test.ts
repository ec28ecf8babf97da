import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { errorMessage, GENERIC_MESSAGE, InputError } from '@/lib/error-message'
import { validateDraft, validateRevision } from '@/packages/conventions/lib/forms'
import { draftProblemAt, emptyDraft, newAgendaItem } from '@/packages/meetings/lib/meeting-form'
import { EMPTY_RESOLUTION, resolutionProblemAt } from '@/packages/meetings/lib/resolution-form'

// A form check's message must reach the person (issue 17): the toast helper used to show only the
// API's messages, so every `showError(new Error('请填写…'))` read "出了点问题，请稍后再试".

const SRC = path.resolve(import.meta.dirname, '../../miniapp/src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(name) ? [full] : []
  })
}

describe('messages of form checks', () => {
  it('shows an InputError as written, an API error as the API wrote it, anything else generically', () => {
    expect(errorMessage(new InputError('请写明发言主题（至少 2 个字）'))).toBe(
      '请写明发言主题（至少 2 个字）',
    )
    expect(
      errorMessage(
        new ApiError('VALIDATION_FAILED', 400, '输入有误', [
          { path: 'title', message: '标题至少 4 个字' },
        ]),
      ),
    ).toBe('标题至少 4 个字')
    // A programming error's text (English, a stack) is never shown to a resident.
    expect(errorMessage(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      GENERIC_MESSAGE,
    )
  })

  it('no page builds a plain Error for a person to read (it would show as 出了点问题)', () => {
    const offenders = sourceFiles(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(SRC, file)}:${i + 1}` }))
        // The QR encoder's "text too long" is a programming error, caught by its tests.
        .filter(({ line, at }) => /new Error\(/.test(line) && !at.startsWith('components/qr-'))
        .map(({ at, line }) => `${at} ${line.trim()}`),
    )
    expect(offenders).toEqual([])
  })
})

describe('where a form shows its problem', () => {
  const NOW = Date.UTC(2026, 10, 24, 2, 0)
  const meeting = {
    ...emptyDraft(NOW),
    title: '停车改造听证会',
    roomId: 'rm-hall',
    agenda: [newAgendaItem({ kind: 'suggestion' as const, id: 'sg-1', title: '增设停车位' })],
  }

  it('puts a meeting without an agenda item under 议程, an empty title under 会议名称', () => {
    expect(draftProblemAt({ ...meeting, agenda: [] }, NOW, null)).toEqual({
      field: 'agenda',
      message: '请至少列出一个议题',
    })
    expect(draftProblemAt({ ...meeting, title: '' }, NOW, null)?.field).toBe('title')
    expect(draftProblemAt({ ...meeting, capacity: '0' }, NOW, null)?.field).toBe('capacity')
    expect(draftProblemAt(meeting, NOW, null)).toBeNull()
  })

  it('puts a resolution problem under its own field', () => {
    const filled = { ...EMPTY_RESOLUTION, decision: '同意增设两个车位', owner: '赵书记' }
    expect(resolutionProblemAt({ ...filled, decision: '' }, '2026-11-24')?.field).toBe('decision')
    expect(resolutionProblemAt({ ...filled, owner: ' ' }, '2026-11-24')?.field).toBe('owner')
    expect(
      resolutionProblemAt({ ...filled, voted: true, votesFor: '3' }, '2026-11-24')?.field,
    ).toBe('votes')
    expect(resolutionProblemAt(filled, '2026-11-24')).toBeNull()
  })

  it('names the box of the convention draft a problem is in', () => {
    const text = { title: '文明养犬公约', preamble: '', articles: ['出门牵绳。'] }
    const at = (r: { ok: boolean; field?: string }) => (r.ok ? null : r.field)
    expect(at(validateDraft({ ...text, title: '', scope: { type: 'community' } }))).toBe('title')
    expect(at(validateDraft({ ...text, articles: [' '], scope: { type: 'community' } }))).toBe(
      'articles',
    )
    expect(at(validateDraft({ ...text, scope: { type: 'buildings', ids: [] } }))).toBe('scope')
    expect(at(validateRevision({ ...text, changeNote: '' }))).toBe('changeNote')
  })
})
