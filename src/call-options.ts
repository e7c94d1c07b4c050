/**
 * Options for one call, overriding the provider's. They travel from the
 * provider method to the HTTP layer in an AsyncLocalStorage, so the adapters
 * between the two need not pass them along. A call without options never
 * enters it: on Node 20 and 22 the first `run` turns on promise hooks for the
 * whole process (about 2.5 times the cost of a bare `await` from then on).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type * as TE from './task-either'
import type { SubUserError } from './errors'
import type { RetryOptions } from './retry'

/**
 * Per-call overrides of the provider's options.
 * @example
 * await p.get('42', { timeoutMs: 2_000, retry: false, signal: AbortSignal.timeout(5_000) })()
 */
export interface CallOptions {
  /** This call's retry policy, instead of the provider's. */
  readonly retry?: RetryOptions
  /**
   * Time allowed for each HTTP exchange of this call, from sending the request
   * to the last byte of the response (a body dripped slowly times out too).
   */
  readonly timeoutMs?: number
  /**
   * Time allowed for the whole call, in milliseconds: every exchange, retry,
   * wait for a pacing slot or a `Retry-After`, and read-back of a write. No
   * wait is started that would end past it (the last error is returned
   * instead), and each exchange's timeout is shortened to what remains. No
   * deadline by default. `list` holds every page to one deadline; `iterate`
   * gives each page its own (the time the consumer takes between pages, or
   * between the sub-users of a reply read as it arrives, is not the call's).
   */
  readonly deadlineMs?: number
  /**
   * Aborting it cancels the request in flight, a wait for a pacing slot and any retry still to
   * come. One signal may be shared by many calls (it holds one listener of the library's).
   */
  readonly signal?: AbortSignal
}

/** The call options in effect, with the call's deadline as an instant of {@link deadlineClock}. */
interface CallContext extends CallOptions {
  readonly deadlineAt?: number
}

const storage = new AsyncLocalStorage<CallContext>()

/** The clock deadlines are measured on (monotonic). @example deadlineClock() // 1234.5 */
export const deadlineClock = (): number => performance.now()

/**
 * Builds and runs a task with these call options in effect (built inside, so
 * that whatever reads them while building sees them too).
 * @example
 * withCallOptions({ retry: false }, () => impl.get('42'))
 */
export const withCallOptions =
  <A>(options: CallOptions | undefined, make: () => TE.TaskEither<SubUserError, A>): TE.TaskEither<SubUserError, A> =>
  () =>
    options === undefined
      ? make()()
      : storage.run(options.deadlineMs === undefined ? options : { ...options, deadlineAt: deadlineClock() + options.deadlineMs }, () => make()())

/**
 * The call options in effect (empty outside a call).
 * @example
 * currentCallOptions().timeoutMs
 */
export const currentCallOptions = (): CallOptions => storage.getStore() ?? {}

/**
 * Milliseconds left before the current call's deadline (`deadlineMs`), or
 * Infinity when it has none; 0 or less once it has passed.
 * @example
 * if (ms > remainingMs()) return lastError
 */
export const remainingMs = (): number => {
  const at = storage.getStore()?.deadlineAt
  return at === undefined ? Infinity : at - deadlineClock()
}
