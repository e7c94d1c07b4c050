/**
 * A small seeded pseudo-random generator for reproducible fault injection.
 */

/**
 * mulberry32: the same seed gives the same sequence of numbers in [0, 1).
 * @example
 * const next = seededRandom(42)
 * next() // 0.6011037519201636, on every run
 */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Derives a stream's seed from the sandbox seed and a stream name (FNV-1a),
 * so each name gets its own sequence whatever the order of the streams.
 * @example
 * seedFor(1, 'thordata') !== seedFor(1, 'webshare') // true
 */
export const seedFor = (seed: number, name: string): number => {
  let hash = 0x811c9dc5
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193)
  return (hash ^ seed) >>> 0
}
