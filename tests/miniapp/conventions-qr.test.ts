import { describe, expect, it } from 'vitest'
import { dataCodewords, encodeQr, penalty, reedSolomon, utf8Bytes } from '@/components/qr-matrix'

// The reference symbol was made by the Python `qrcode` package (version 3-M, mask 5, byte mode)
// and decoded by zbarimg; the encoder must reproduce it module for module.
const REFERENCE_TEXT = 'https://linli.example.cn/#/c/3fk2'
const REFERENCE = [
  '11111110011001110110001111111',
  '10000010111000010110001000001',
  '10111010100100101001101011101',
  '10111010101110110101101011101',
  '10111010000001110111001011101',
  '10000010011001101100101000001',
  '11111110101010101010101111111',
  '00000000100011000010100000000',
  '10000010111100110110011001110',
  '10111101111110100111000110110',
  '00000111001100000100011010000',
  '00011001001010111000110101000',
  '00101010000111101010111100001',
  '01010101010011100011101110011',
  '00001010100011110110001001100',
  '10100000110011111000100100101',
  '00110010110110111110100001100',
  '10101001110000010111101110111',
  '11011010001111110001001011001',
  '10011001011000110000110000000',
  '10001110110100000101111110111',
  '00000000101101010010100011000',
  '11111110000111110111101011100',
  '10000010000011011001100010010',
  '10111010010001011011111111011',
  '10111010011101011111010001101',
  '10111010001000111100001111110',
  '10000010011000011000000011101',
  '11111110100101111111010100100',
]

const rows = (modules: boolean[][]) => modules.map((r) => r.map((b) => (b ? '1' : '0')).join(''))

describe('QR code encoder', () => {
  it('computes Reed–Solomon codewords of the standard worked example (1-M "HELLO WORLD")', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
    expect(reedSolomon(data, 10)).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
  })

  it('knows the data capacity of versions at each level', () => {
    expect(dataCodewords(1, 'L')).toBe(19)
    expect(dataCodewords(1, 'M')).toBe(16)
    expect(dataCodewords(5, 'Q')).toBe(62)
    expect(dataCodewords(7, 'M')).toBe(124)
    expect(dataCodewords(40, 'H')).toBe(1276)
  })

  it('reproduces a reference symbol module for module', () => {
    const q = encodeQr(REFERENCE_TEXT, 'M', 5)
    expect(q.version).toBe(3)
    expect(q.size).toBe(29)
    expect(rows(q.modules)).toEqual(REFERENCE)
  })

  it('picks the smallest version that holds the text and grows with it', () => {
    expect(encodeQr('A').version).toBe(1)
    expect(encodeQr('x'.repeat(14)).version).toBe(1) // 16 codewords at 1-M: 2 header bytes + 14
    expect(encodeQr('x'.repeat(15)).version).toBe(2)
    const url = encodeQr(
      'http://127.0.0.1:8787/#/packages/conventions/pages/detail/index?id=k3v9x0q2m7p4a8s1',
    )
    expect(url.version).toBe(5)
    expect(url.size).toBe(37)
    expect(encodeQr('x'.repeat(84)).version).toBe(5) // 86 codewords at 5-M
    expect(encodeQr('x'.repeat(85)).version).toBe(6)
  })

  it('encodes Chinese as UTF-8 bytes', () => {
    expect(utf8Bytes('邻')).toEqual([0xe9, 0x82, 0xbb])
    expect(utf8Bytes('a²')).toEqual([0x61, 0xc2, 0xb2])
    expect(utf8Bytes('𠀀')).toEqual([0xf0, 0xa0, 0x80, 0x80])
  })

  it('chooses the mask with the lowest penalty', () => {
    const chosen = encodeQr(REFERENCE_TEXT)
    const scores = Array.from({ length: 8 }, (_, m) =>
      penalty(encodeQr(REFERENCE_TEXT, 'M', m).modules),
    )
    expect(penalty(chosen.modules)).toBe(Math.min(...scores))
    expect(scores.indexOf(Math.min(...scores))).toBe(chosen.mask)
  })

  it('draws the three finder patterns and the dark module', () => {
    const q = encodeQr('finder')
    const n = q.size
    for (const [x, y] of [
      [0, 0],
      [n - 7, 0],
      [0, n - 7],
    ] as const) {
      expect(q.modules[y]!.slice(x, x + 7).every(Boolean)).toBe(true)
      expect(q.modules[y + 1]!.slice(x, x + 7).map(Number)).toEqual([1, 0, 0, 0, 0, 0, 1])
    }
    expect(q.modules[n - 8]![8]).toBe(true)
  })

  it('refuses text beyond version 40', () => {
    expect(() => encodeQr('x'.repeat(3000), 'H')).toThrow('too long')
  })
})
