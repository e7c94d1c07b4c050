/**
 * Options for one call, overriding the provider's. They travel from the
 * provider method to the HTTP layer in an AsyncLocalStorage, so the adapters
 * between the two need not pass them along.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type * as TE from 'fp-ts/TaskEither'
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
  /** Time allowed for each HTTP exchange of this call. */
  readonly timeoutMs?: number
  /** Aborting it cancels the request in flight and any retry still to come. */
  readonly signal?: AbortSignal
}

const storage = new AsyncLocalStorage<CallOptions>()

/**
 * Builds and runs a task with these call options in effect (built inside, so
 * that whatever reads them while building sees them too).
 * @example
 * withCallOptions({ retry: false }, () => impl.get('42'))
 */
export const withCallOptions =
  <A>(options: CallOptions | undefined, make: () => TE.TaskEither<SubUserError, A>): TE.TaskEither<SubUserError, A> =>
  () =>
    options === undefined ? make()() : storage.run(options, () => make()())

/**
 * The call options in effect (empty outside a call).
 * @example
 * currentCallOptions().timeoutMs
 */
export const currentCallOptions = (): CallOptions => storage.getStore() ?? {}
