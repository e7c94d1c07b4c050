/**
 * Fault injection for the sandbox: which fault, if any, hits each request,
 * decided by a seeded stream per mounted fake so that a seed replays exactly.
 */
import { seededRandom, seedFor } from './random'
import { createThrottle } from './throttle'

/**
 * Faults for one mounted fake. Rates are fractions of requests (0 to 1).
 * @example
 * const f: VendorFaults = { serverErrorRate: 0.1, dropAfterApplyRate: 0.05, latencyMs: 20 }
 */
export interface VendorFaults {
  /** Added before every answer (and before a reset or a drop), in milliseconds. */
  readonly latencyMs?: number
  /** Answered with the fake's 5xx (500, 502 or 503); the request is not applied. */
  readonly serverErrorRate?: number
  /** The connection is destroyed before the request is applied. */
  readonly resetRate?: number
  /** The request is applied, then the connection is destroyed with no response. */
  readonly dropAfterApplyRate?: number
  /** Chance, per request, that a burst of the vendor's own rate-limit answers starts. */
  readonly rateLimitRate?: number
  /** Requests answered as rate limited in each burst, the first included (default 5). */
  readonly rateLimitBurst?: number
  /**
   * A rate limit for a fake that has none of its own: past this many requests a minute, counted
   * over a sliding window of {@link VendorFaults.rateWindowMs}, a request gets the fake's own
   * rate-limited answer and is not applied (nor counted).
   */
  readonly requestsPerMinute?: number
  /** The window of {@link VendorFaults.requestsPerMinute}, in ms (default 60 000): 1 000 allows a sixtieth of it in any second. */
  readonly rateWindowMs?: number
  /** Requests whose path below the mount starts with one of these are never answered. */
  readonly hangPaths?: ReadonlyArray<string>
  /**
   * Answer bodies are sent in pieces of this many bytes, without a Content-Length (chunked),
   * each written once the connection has taken the one before: a client that stops reading
   * stops the answer (backpressure).
   */
  readonly chunkBytes?: number
  /** An answer body stops after this many bytes and is never finished; the connection stays open. */
  readonly stallAfterBytes?: number
}

/**
 * Faults for the whole sandbox: a seed, and faults per mounted fake, keyed by
 * the mount's name.
 * @example
 * const f: FaultOptions = { seed: 7, webshare: { serverErrorRate: 0.2 } }
 */
export interface FaultOptions {
  readonly seed?: number
  readonly [mount: string]: VendorFaults | number | undefined
}

/**
 * The faults a {@link FaultOptions} gives one mount (none when it names none).
 * @example
 * faultsOf({ seed: 1, webshare: { resetRate: 0.1 } }, 'webshare') // { resetRate: 0.1 }
 */
export const faultsOf = (options: FaultOptions, mount: string): VendorFaults => {
  const faults = options[mount]
  return typeof faults === 'object' ? faults : {}
}

/**
 * What happens to one request.
 * @example
 * const d: FaultDecision = 'drop-after-apply'
 */
export type FaultDecision = 'none' | 'hang' | 'server-error' | 'reset' | 'drop-after-apply' | 'rate-limited'

/**
 * The decisions for one mounted fake, request after request.
 * @example
 * const plan = faultPlan({ resetRate: 0.5 }, 'thordata', 1)
 * plan.decide('/proxy-users/user-list') // 'reset' or 'none', the same for the same seed
 */
export interface FaultPlan {
  readonly faults: VendorFaults
  /** The fate of a request to `path` that arrived at `at` (epoch ms; the rate limit's clock). */
  decide(path: string, at?: number): FaultDecision
  /** The status of the next injected 5xx: 500, 502, 503, then again from 500. */
  nextServerErrorStatus(): number
}

const DEFAULT_BURST = 5
const SERVER_ERROR_STATUSES = [500, 502, 503] as const

/**
 * Builds the plan of one mount from its faults, its name and the sandbox seed.
 * Each mount has its own stream, so one vendor's traffic never shifts another's faults.
 * @example
 * const plan = faultPlan({ rateLimitRate: 0.1, rateLimitBurst: 3 }, 'webshare', 42)
 */
export const faultPlan = (faults: VendorFaults, name: string, seed: number): FaultPlan => {
  const random = seededRandom(seedFor(seed, name))
  let burstLeft = 0
  let serverErrors = 0
  const windowMs = faults.rateWindowMs ?? 60_000
  const throttle = faults.requestsPerMinute === undefined ? undefined : createThrottle(Math.max(1, Math.floor((faults.requestsPerMinute * windowMs) / 60_000)), windowMs)
  const decide = (path: string, at = Date.now()): FaultDecision => {
    if (faults.hangPaths?.some((prefix) => path.startsWith(prefix))) return 'hang'
    if (throttle !== undefined && !throttle.admit(at).admitted) return 'rate-limited'
    if (burstLeft > 0) {
      burstLeft--
      return 'rate-limited'
    }
    if (random() < (faults.rateLimitRate ?? 0)) {
      burstLeft = Math.max(0, (faults.rateLimitBurst ?? DEFAULT_BURST) - 1)
      return 'rate-limited'
    }
    const draw = random()
    const outcomes: ReadonlyArray<readonly [FaultDecision, number | undefined]> = [
      ['server-error', faults.serverErrorRate],
      ['reset', faults.resetRate],
      ['drop-after-apply', faults.dropAfterApplyRate],
    ]
    let edge = 0
    for (const [outcome, rate] of outcomes) {
      edge += rate ?? 0
      if (draw < edge) return outcome
    }
    return 'none'
  }
  const nextServerErrorStatus = () => SERVER_ERROR_STATUSES[serverErrors++ % SERVER_ERROR_STATUSES.length]!
  return { faults, decide, nextServerErrorStatus }
}
