/**
 * Fault injection for the sandbox, deterministic from a seed.
 */

/**
 * Faults for one vendor's fake. Rates are fractions of requests (0 to 1).
 * @example
 * const f: VendorFaults = { serverErrorRate: 0.1, dropAfterApplyRate: 0.05, latencyMs: 20 }
 */
export interface VendorFaults {
  /** Added to every answer, in milliseconds. */
  readonly latencyMs?: number
  /** Answered with a 5xx (500, 502 or 503) without being applied. */
  readonly serverErrorRate?: number
  /** Connection destroyed before the change is applied. */
  readonly resetRate?: number
  /** The change is applied, then the connection destroyed before any response. */
  readonly dropAfterApplyRate?: number
  /** Chance that a burst of vendor rate limiting starts at a request. */
  readonly rateLimitRate?: number
  /** Requests in each rate-limit burst (default 5). */
  readonly rateLimitBurst?: number
  /** Requests whose path (below the vendor's mount) starts with one of these are never answered. */
  readonly hangPaths?: ReadonlyArray<string>
}

/**
 * Faults for the whole sandbox: a seed, and faults per vendor.
 * @example
 * startSandbox({ faults: { seed: 7, webshare: { serverErrorRate: 0.2 } } })
 */
export interface FaultOptions {
  readonly seed?: number
  readonly thordata?: VendorFaults
  readonly webshare?: VendorFaults
}

/** What happens to one request. @example const d: FaultDecision = 'reset' */
export type FaultDecision = 'none' | 'hang' | 'server-error' | 'reset' | 'drop-after-apply' | 'rate-limited'

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same faults.
 * @example
 * const next = seededRandom(42); next() // 0.6011037519201636
 */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Decides, request by request, which fault (if any) hits it.
 * @example
 * const decide = faultPlan({ resetRate: 0.5 }, 1); decide('/proxy-users/user-list')
 */
export const faultPlan = (faults: VendorFaults, seed: number): ((path: string) => FaultDecision) => {
  const random = seededRandom(seed)
  let burstLeft = 0
  return (path) => {
    if (faults.hangPaths?.some((p) => path.startsWith(p))) return 'hang'
    if (burstLeft > 0) {
      burstLeft--
      return 'rate-limited'
    }
    if (random() < (faults.rateLimitRate ?? 0)) {
      burstLeft = Math.max(0, (faults.rateLimitBurst ?? 5) - 1)
      return 'rate-limited'
    }
    const r = random()
    let edge = faults.serverErrorRate ?? 0
    if (r < edge) return 'server-error'
    edge += faults.resetRate ?? 0
    if (r < edge) return 'reset'
    edge += faults.dropAfterApplyRate ?? 0
    if (r < edge) return 'drop-after-apply'
    return 'none'
  }
}
