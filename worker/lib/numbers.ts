/** An integer count of hundredths as a decimal with two places: 8950 → "89.50" (exact, no floats). */
export function formatHundredths(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
}
