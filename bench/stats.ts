/**
 * Order statistics over samples.
 */

/**
 * The `p`-th percentile (0–100) by the nearest-rank method; NaN when empty.
 * @example
 * percentile([5, 1, 3], 50) // 3
 */
export const percentile = (samples: ReadonlyArray<number>, p: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/**
 * The median.
 * @example
 * median([4, 1, 9]) // 4
 */
export const median = (samples: ReadonlyArray<number>): number => percentile(samples, 50)
