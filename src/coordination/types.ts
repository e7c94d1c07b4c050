/**
 * What coordination across processes is made of, without naming a backend: a
 * schedule of request starts shared by every process on one vendor account,
 * and a lock per vendor account for the runs that write (`apply`). The
 * `proxy-subusers/redis` entry provides both over Redis; `localLocks` provides
 * the lock alone, as a lock file on this machine.
 *
 * An account is named by a one-way hash (see `accountKey`), never by its credential.
 */
import type { CoordinationError } from './error'

/**
 * How one account's shared schedule spaces request starts (milliseconds).
 * @example
 * const rule: PaceRule = { spacingMs: 257.5, maxSpacingMs: 2060, recovery: 0.9 }
 */
export interface PaceRule {
  /** The limit's own spacing between two starts. */
  readonly spacingMs: number
  /** The widest spacing "too many" answers may lead to. */
  readonly maxSpacingMs: number
  /** Each recovery multiplies the spacing by this, down to `spacingMs`. */
  readonly recovery: number
}

/**
 * One account's schedule of request starts, shared by every process that has
 * the same backend and account. Each method rejects with a {@link CoordinationError}.
 * @example
 * const { waitMs } = await pacer.reserve() // start the request waitMs from now
 */
export interface SharedPacer {
  /** Takes the next free start on the schedule: how far from now it is, and the schedule's spacing now. */
  reserve(): Promise<{ readonly waitMs: number; readonly spacingMs: number }>
  /** The vendor said "too many": the spacing doubles (once per burst, up to the rule's widest) and every start waits one spacing. */
  slowDown(): Promise<void>
  /** A call went through after a slow-down: the spacing recovers toward the rule's own. */
  recover(): Promise<void>
}

/**
 * A lock on one account, while it is held.
 * @example
 * if (lock.lost() === undefined) await send()
 * await lock.release()
 */
export interface AccountLock {
  /**
   * Undefined while the lock is surely held. Once it may not be (the backend
   * refused or could not confirm a renewal in time, or the holder was paused
   * past its time to live), the reason, for good.
   */
  lost(): CoordinationError | undefined
  /** Lets go of the lock and stops renewing it; never rejects (an unreleased lock expires). */
  release(): Promise<void>
}

/**
 * One attempt at a lock: held, or held by someone else (described when the backend can say who).
 * @example
 * const attempt = await locks.tryLock(account)
 * if ('busy' in attempt) console.log(`held by ${attempt.busy ?? 'another run'}`)
 */
export type LockAttempt = { readonly held: AccountLock } | { readonly busy: string | undefined }

/**
 * Where locks per account are kept. `tryLock` never waits for a holder; it
 * rejects with a {@link CoordinationError} when the backend fails.
 * @example
 * const locks: AccountLocks = localLocks()
 */
export interface AccountLocks {
  /** The backend, as messages name it: `Redis`, `a lock file on this machine`. */
  readonly name: string
  /** The lock's time to live, in milliseconds: how long after its holder dies another run may take it. */
  readonly ttlMs: number
  tryLock(account: string): Promise<LockAttempt>
}

/**
 * Pacing and locks shared across processes, as `proxy-subusers/redis` makes
 * them: the `coordination` option of providers and of `apply`.
 * @example
 * const coordination = redisCoordination(new Redis(process.env.REDIS_URL))
 * createWebshareProvider({ apiKey, coordination })
 */
export interface Coordination extends AccountLocks {
  /** The shared schedule of one account (the key is the account's hash), under a rule. */
  pacer(account: string, rule: PaceRule): SharedPacer
}
