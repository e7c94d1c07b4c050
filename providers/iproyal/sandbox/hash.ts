/**
 * Sub-user hashes as IPRoyal gives them (vendor sheet §2, §7): 26 Crockford base32 characters,
 * ULID-like (10 for the time, 16 random), each handed out once in a fake's life.
 */
import { seededRandom } from '../../../src/adapter'

/** Crockford's base32 alphabet (no I, L, O or U). @example CROCKFORD.length === 32 */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * Hands out hashes never given before by this generator: the time part from `now`, the rest
 * from a seeded stream (the same seed and clock give the same hashes).
 * @example
 * const next = hashGenerator(() => Date.parse('2025-01-01T00:00:00Z'), 1)
 * next() // '01JGFJJZ00…' (26 characters)
 */
export const hashGenerator = (now: () => number, seed: number): (() => string) => {
  const random = seededRandom(seed)
  const issued = new Set<string>()
  const encode = (value: number, length: number): string => {
    let out = ''
    for (let i = 0, v = value; i < length; i++, v = Math.floor(v / 32)) out = CROCKFORD[v % 32]! + out
    return out
  }
  return () => {
    for (;;) {
      const time = encode(Math.max(0, Math.floor(now())) % 2 ** 48, 10)
      const rest = Array.from({ length: 16 }, () => CROCKFORD[Math.floor(random() * 32)]!).join('')
      const hash = time + rest
      if (!issued.has(hash)) {
        issued.add(hash)
        return hash
      }
    }
  }
}
