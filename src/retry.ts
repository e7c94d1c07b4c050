/**
 * The one retry policy of the package: capped exponential backoff with full
 * jitter, honouring a vendor's `Retry-After`. What may be retried is decided
 * by each error's `retryable` flag, which the HTTP layer and the vendors'
 * tables set: a read or an idempotent write that failed transiently, or a call
 * the vendor refused before applying it (rate limiting). A POST whose outcome
 * is unknown is never retryable, so it is never retried.
 */
import * as E from 'fp-ts/Either'
import type * as TE from './task-either'
import { remainingMs } from './call-options'
import type { FieldProblem, SubUserError } from './errors'

/** Attempts after the first. @example DEFAULT_RETRIES === 3 */
export const DEFAULT_RETRIES = 3
/** First backoff ceiling; it doubles each attempt. @example DEFAULT_BASE_DELAY_MS === 250 */
export const DEFAULT_BASE_DELAY_MS = 250
/** Largest backoff ceiling (a vendor's `Retry-After` may ask for more, and is obeyed). @example DEFAULT_MAX_DELAY_MS === 8_000 */
export const DEFAULT_MAX_DELAY_MS = 8_000

/** Longest `Retry-After` obeyed; a vendor asking for more gets its `rate_limited` error returned at once. @example DEFAULT_MAX_RETRY_AFTER_MS === 60_000 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000

/**
 * How a provider retries.
 * @example
 * const policy: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 60_000 }
 */
export interface RetryPolicy {
  readonly retries: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /**
   * Longest wait a vendor's `Retry-After` may ask for (default
   * {@link DEFAULT_MAX_RETRY_AFTER_MS}): past it, the call is not held but
   * fails with the vendor's error, whose `retryAfterMs` says how long it asked.
   */
  readonly maxRetryAfterMs: number
}

/**
 * The `retry` option: any part of a policy, or `false` for no retry.
 * @example
 * createWebshareProvider({ apiKey, retry: { retries: 5 } })
 * createThordataProvider({ token, retry: false })
 */
export type RetryOptions = Partial<RetryPolicy> | false

/**
 * The policy an option describes, filled in with the defaults, or the problem
 * with it (a negative or non-finite number).
 * @example
 * retryPolicy(false) // Right({ retries: 0, ... })
 */
export const retryPolicy = (options: RetryOptions | undefined): E.Either<FieldProblem, RetryPolicy> => {
  const defaults = { retries: DEFAULT_RETRIES, baseDelayMs: DEFAULT_BASE_DELAY_MS, maxDelayMs: DEFAULT_MAX_DELAY_MS, maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS }
  if (options === false) return E.right({ ...defaults, retries: 0 })
  const policy = { ...defaults, ...options }
  const bad = Object.entries(policy).find(([, v]) => typeof v !== 'number' || !Number.isFinite(v) || v < 0)
  return bad === undefined
    ? E.right({ ...policy, retries: Math.floor(policy.retries) })
    : E.left({ path: `retry.${bad[0]}`, message: 'must be a number ≥ 0' })
}

/**
 * The wait before retry number `attempt` (0 for the first): a uniformly random
 * time up to min(maxDelayMs, baseDelayMs × 2^attempt) ("full jitter"), but
 * never less than the vendor's `retryAfterMs`.
 * @example
 * retryDelay(policy, 2, 5_000, () => 0.5) // 5000: the vendor asked for 5 s
 */
export const retryDelay = (policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number =>
  Math.max(retryAfterMs ?? 0, random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt))

/**
 * Waits `ms` milliseconds (the timer is cleared when it fires, so nothing is left behind).
 * @example
 * await sleep(100)
 */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs a task, and runs it again after a wait while it fails with a
 * `retryable` error and attempts remain. The last error is returned as it is,
 * and at once, when the vendor asks to wait longer than `maxRetryAfterMs` or
 * the wait would end past the call's deadline (`deadlineMs`).
 * @example
 * const get = withRetry(retryPolicy(undefined), http.call('get', request, read))
 */
export const withRetry =
  <A>(
    policy: RetryPolicy,
    task: TE.TaskEither<SubUserError, A>,
    wait: (ms: number) => Promise<void> = sleep,
    random: () => number = Math.random,
  ): TE.TaskEither<SubUserError, A> =>
  async () => {
    for (let attempt = 0; ; attempt++) {
      const result = await task()
      if (E.isRight(result) || !result.left.retryable || attempt >= policy.retries) return result
      if ((result.left.retryAfterMs ?? 0) > policy.maxRetryAfterMs) return result
      const delay = retryDelay(policy, attempt, result.left.retryAfterMs, random)
      if (delay >= remainingMs()) return result
      await wait(delay)
    }
  }
