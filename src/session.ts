/**
 * Sessions: for vendors whose calls carry a token obtained by logging in (and that expires).
 * One session per provider instance: logged in lazily, on the first call that needs it; kept
 * and reused; renewed before it is due to expire; renewed once when a call finds it refused,
 * and that call repeated once. Concurrent calls share one login, never one each.
 */
import * as E from 'fp-ts/Either'
import type * as TE from './task-either'
import type { Operation } from './domain'
import { SubUserError } from './errors'

/**
 * How a session is obtained and kept.
 * @example
 * const options: SessionOptions<{ token: string }> = { login: (op) => api.login(op), renewAt: (_s, at) => at + 55 * 60_000 }
 */
export interface SessionOptions<S> {
  /**
   * Logs in. Its failure is returned as it is (a refused login is not tried again by the
   * session); `operation` is the operation of the call that needs the session.
   */
  readonly login: (operation: Operation) => TE.TaskEither<SubUserError, S>
  /** When a session obtained at `obtainedAt` is to be renewed, on the clock `now` (epoch ms). */
  readonly renewAt: (session: S, obtainedAt: number) => number
  /** Whether a call's error means the vendor refused the session (default: any `auth` error). */
  readonly refused?: (e: SubUserError) => boolean
  /** The clock, in epoch ms (default `Date.now`). */
  readonly now?: () => number
}

/**
 * The session of one provider instance.
 * @example
 * const users = session.run('list', (s) => api.list(s))
 */
export interface Session<S> {
  /**
   * The session in effect, logging in first when there is none or it is due for renewal.
   * Calls that need one while a login is under way wait for that login; if it fails, each
   * gets its error (named for its own operation). The login runs under the call options of
   * the call that started it.
   */
  current(operation: Operation): TE.TaskEither<SubUserError, S>
  /**
   * Runs `call` with the session in effect. If the vendor refuses the session (see
   * {@link SessionOptions.refused}), logs in again, unless another call already did since,
   * and runs `call` once more with the new session; its result is then returned as it is.
   * A refused login is returned at once, never retried.
   */
  run<A>(operation: Operation, call: (session: S) => TE.TaskEither<SubUserError, A>): TE.TaskEither<SubUserError, A>
}

interface Held<S> {
  readonly session: S
  readonly renewAt: number
}

/**
 * A session, not yet logged in.
 * @example
 * const session = createSession({ login: (op) => api.login(op), renewAt: (_s, at) => at + 55 * 60_000, now: () => clock })
 */
export const createSession = <S>(options: SessionOptions<S>): Session<S> => {
  const now = options.now ?? Date.now
  const refused = options.refused ?? ((e: SubUserError) => e.kind === 'auth')
  let held: Held<S> | undefined
  let pending: { readonly operation: Operation; readonly result: Promise<E.Either<SubUserError, S>> } | undefined

  const logIn = (operation: Operation): Promise<E.Either<SubUserError, S>> => {
    if (pending === undefined) {
      const result = (async () => {
        // Held as pending before the login starts, whatever it does.
        await undefined
        try {
          const r = await options.login(operation)()
          if (E.isRight(r)) held = { session: r.right, renewAt: options.renewAt(r.right, now()) }
          return r
        } finally {
          pending = undefined
        }
      })()
      pending = { operation, result }
      return result
    }
    const shared = pending
    return shared.result.then((r) => (E.isLeft(r) && shared.operation !== operation ? E.left(relabel(r.left, operation)) : r))
  }

  const current = (operation: Operation): TE.TaskEither<SubUserError, S> => async () =>
    held !== undefined && now() < held.renewAt ? E.right(held.session) : logIn(operation)

  return {
    current,
    run: (operation, call) => async () => {
      const first = await current(operation)()
      if (E.isLeft(first)) return first
      const result = await call(first.right)()
      if (E.isRight(result) || !refused(result.left)) return result
      // Another call may have logged in again since this one started: its session is used.
      if (held?.session === first.right) held = undefined
      const second = await current(operation)()
      return E.isLeft(second) ? second : call(second.right)()
    },
  }
}

/** The same error, named for another operation (a login shared by calls of several). */
const relabel = (e: SubUserError, operation: Operation): SubUserError => {
  const prefix = `${e.provider} ${e.operation}:`
  return new SubUserError({
    kind: e.kind,
    provider: e.provider,
    operation,
    message: e.message.startsWith(prefix) ? `${e.provider} ${operation}:${e.message.slice(prefix.length)}` : e.message,
    retryable: e.retryable,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.vendorCode === undefined ? {} : { vendorCode: e.vendorCode }),
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
    ...(e.fields === undefined ? {} : { fields: e.fields }),
  })
}
