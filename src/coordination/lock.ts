/**
 * Taking the lock of a provider's vendor account, from any backend: at once,
 * or waiting while another run holds it (polling, so a holder that died is
 * replaced as soon as its lock expires), with every failure as a SubUserError.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from '../task-either'
import { SubUserError } from '../errors'
import type { SubUserProvider } from '../provider'
import { accountKey, accountLabel } from './account'
import { localLocks } from './local-locks'
import { CoordinationError } from './error'
import type { AccountLock, AccountLocks } from './types'
import { whenAborted } from '../abort'

/** How often a waiting run asks again for a lock held by another, in milliseconds. @example LOCK_POLL_MS === 250 */
export const LOCK_POLL_MS = 250

/**
 * How a lock is asked for.
 * @example
 * const r: LockRequest = { wait: true, onWait: (w) => console.error(`waiting: ${w.label} held by ${w.holder ?? 'another run'}`) }
 */
export interface LockRequest {
  /** Wait while another run holds the lock (default true); false: refuse at once. */
  readonly wait?: boolean
  /** Called once, when the lock is found held and the run starts waiting. */
  readonly onWait?: (waiting: LockWait) => void
  /** Gives up waiting, as `aborted`. */
  readonly signal?: AbortSignal
  /** Gives up waiting after this long, as `busy` (default: no limit; a holder that died lets go within the lock's time to live). */
  readonly maxWaitMs?: number
}

/**
 * A wait for a lock, as `onWait` hears of it.
 * @example
 * const w: LockWait = { label: 'webshare account 3f9a1c2e', holder: 'pid 4242 on ci-7 since 2026-05-01T10:00:00.000Z', backend: 'Redis' }
 */
export interface LockWait {
  /** The account, as messages name it (provider and hash prefix). */
  readonly label: string
  /** Who holds it, when the backend can tell. */
  readonly holder: string | undefined
  readonly backend: string
}

/**
 * Why a lock was not taken: another run holds it (and no waiting), the wait
 * was aborted, or the backend failed; with the error that says so.
 * @example
 * if (refusal.reason === 'busy') process.exitCode = 3
 */
export interface LockRefusal {
  readonly reason: 'busy' | 'aborted' | 'failed'
  readonly error: SubUserError
}

/**
 * The account a provider's lock and shared schedule are keyed by (its adapter
 * declares it; a provider built without one is keyed by its id alone).
 * @example
 * accountOf(provider) // '3f9a1c2e…'
 */
export const accountOf = (provider: Pick<SubUserProvider, 'id' | 'account'>): string => provider.account ?? accountKey(provider.id, '', [])

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      stop()
      resolve()
    }
    const timer = setTimeout(done, ms)
    const stop = whenAborted(signal, done)
  })

/**
 * Takes the lock of a provider's account, or says why not.
 * @example
 * const lock = await takeLock(provider, localLocks(), { wait: false })()
 */
export const takeLock =
  (provider: Pick<SubUserProvider, 'id' | 'account'>, locks: AccountLocks, request: LockRequest = {}): TE.TaskEither<LockRefusal, AccountLock> =>
  async () => {
    const account = accountOf(provider)
    const label = accountLabel(provider.id, account)
    const refuse = (reason: LockRefusal['reason'], message: string, kind: 'conflict' | 'network' = 'conflict') =>
      E.left({ reason, error: new SubUserError({ kind, provider: provider.id, operation: 'list', retryable: false, message: `${provider.id} apply: ${message}` }) })
    const started = performance.now()
    let told = false
    for (;;) {
      if (request.signal?.aborted) return refuse('aborted', `stopped waiting for the lock on ${label}; nothing was changed`)
      let attempt
      try {
        attempt = await locks.tryLock(account)
      } catch (e) {
        const error = CoordinationError.is(e) ? e : new CoordinationError('network', `${locks.name} failed`)
        return refuse('failed', `the lock on ${label} could not be taken: ${error.message}; nothing was changed`, error.kind)
      }
      if ('held' in attempt) return E.right(attempt.held)
      const holder = attempt.busy === undefined ? 'another run' : `another run (${attempt.busy})`
      const waitedTooLong = request.maxWaitMs !== undefined && performance.now() - started >= request.maxWaitMs
      if (request.wait === false || waitedTooLong) {
        return refuse('busy', `${label} is locked by ${holder} (${locks.name}); nothing was changed`)
      }
      if (!told) {
        told = true
        request.onWait?.({ label, holder: attempt.busy, backend: locks.name })
      }
      await sleep(LOCK_POLL_MS * (0.8 + Math.random() * 0.4), request.signal)
    }
  }

/**
 * Takes the lock of a provider's account (waiting by default), for a run
 * that plans and applies under it: `apply(plan, { lock })`. Without
 * `coordination`, a lock file on this machine. Release it when done.
 * @example
 * const lock = await lockAccount(provider, { coordination })()
 * // plan, then apply(p, { lock }), then: await lock.release()
 */
export const lockAccount = (
  provider: SubUserProvider,
  options: LockRequest & { readonly coordination?: AccountLocks } = {},
): TE.TaskEither<SubUserError, AccountLock> =>
  pipe(
    takeLock(provider, options.coordination ?? defaultLocks(), options),
    TE.mapLeft((r) => r.error),
  )

let shared: AccountLocks | undefined

/**
 * The locks `apply` uses without `coordination`: lock files on this machine,
 * in the default folder, with the default time to live.
 * @example
 * defaultLocks().name // 'a lock file on this machine'
 */
export const defaultLocks = (): AccountLocks => (shared ??= localLocks())
