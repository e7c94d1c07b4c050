/**
 * Safe writes: a write that failed without a definite answer (no response, a
 * timeout, a server error) may or may not have taken effect, now or later (a
 * vendor may apply it after we stopped waiting). It is never re-sent blindly;
 * the adapter reads back, and the write is then reported as done, sent again
 * (it did not happen, and still had not after a settling wait), failed with
 * its original error (the read-back could not tell), or failed as the
 * read-back says (several sub-users match it: `conflict`).
 */
import * as E from 'fp-ts/Either'
import type * as TE from './task-either'
import { remainingMs } from './call-options'
import { SubUserError } from './errors'
import { retryDelay, sleep, type RetryPolicy } from './retry'

/**
 * How long, in exchange timeouts, a write left without an answer is given to
 * show before it is concluded not applied and sent again: the vendor may still
 * be at work on it when we stop waiting. @example SETTLE_TIMEOUTS === 2
 */
export const SETTLE_TIMEOUTS = 2

/**
 * What a safe write reads its timing from: the retry policy and the timeout
 * of one exchange in effect (an HttpClient is one).
 * @example
 * writeOnce(http, api.create(body), readBack)
 */
export interface WriteTiming {
  retryPolicy(): RetryPolicy
  exchangeTimeoutMs(): number
}

/**
 * What a read-back found after an ambiguous write.
 * @example
 * const seen: ReadBack<SubUser> = { found: 'applied', value: user }
 */
export type ReadBack<A> =
  | { readonly found: 'applied'; readonly value: A }
  | { readonly found: 'not-applied' }
  | { readonly found: 'unclear' }
  /** More than one result matches the write (it was applied more than once): the write fails with `error`. */
  | { readonly found: 'conflict'; readonly error: SubUserError }

/**
 * Whether a failure leaves a write's outcome unknown: no response, a timeout,
 * or a server error (5xx). Every other failure is a definite answer.
 * @example
 * isAmbiguous(timeoutError) // true
 */
export const isAmbiguous = (e: SubUserError): boolean =>
  e.kind === 'network' || e.kind === 'timeout' || (e.kind === 'vendor' && e.status !== undefined && e.status >= 500)

/**
 * Runs a write; after an ambiguous failure, asks `readBack` what happened.
 * Applied: its value is the result (nothing is sent twice). Conflict: its
 * error. Not applied: after {@link SETTLE_TIMEOUTS} exchange timeouts it
 * reads back again, and only if the write still does not show is it sent
 * again, at most `retryPolicy().retries` times, after the policy's backoff; a
 * write that succeeds on a re-send is read back once more, and a conflict then
 * (an earlier attempt applied late) is returned instead. Unclear, the
 * read-back failed, or a wait would end past the call's deadline
 * (`deadlineMs`): the original error is returned.
 * @example
 * writeOnce(http, api.createUser(form), () => pipe(api.userList('create'), TE.map(findOurs)))
 */
export const writeOnce = <A>(
  timing: WriteTiming,
  write: TE.TaskEither<SubUserError, A>,
  readBack: (failure: SubUserError) => TE.TaskEither<SubUserError, ReadBack<A>>,
  wait: (ms: number) => Promise<void> = sleep,
): TE.TaskEither<SubUserError, A> => safeWrite(timing, write, readBack, wait, true)

/**
 * Runs a write that must never reach the vendor twice (a create the vendor says not to
 * repeat, a transfer of traffic): after an ambiguous failure, `readBack` decides, as for
 * {@link writeOnce}, but the write is never sent again. Applied: its value. Conflict: its
 * error. Not applied: after {@link SETTLE_TIMEOUTS} exchange timeouts it reads back again
 * (a late apply is adopted); still not applied, the original failure is returned marked
 * `retryable`, its message saying that it was not applied and may be sent again (by the
 * caller, who decides). Unclear, the read-back failed, or the settling wait would end past
 * the call's deadline: the original error, as it is.
 * @example
 * writeAtMostOnce(http, api.create(body), () => pipe(api.list('create'), TE.map(findByUsername)))
 */
export const writeAtMostOnce = <A>(
  timing: WriteTiming,
  write: TE.TaskEither<SubUserError, A>,
  readBack: (failure: SubUserError) => TE.TaskEither<SubUserError, ReadBack<A>>,
  wait: (ms: number) => Promise<void> = sleep,
): TE.TaskEither<SubUserError, A> => safeWrite(timing, write, readBack, wait, false)

const safeWrite =
  <A>(
    timing: WriteTiming,
    write: TE.TaskEither<SubUserError, A>,
    readBack: (failure: SubUserError) => TE.TaskEither<SubUserError, ReadBack<A>>,
    wait: (ms: number) => Promise<void>,
    resend: boolean,
  ): TE.TaskEither<SubUserError, A> =>
  async () => {
    const { retries } = timing.retryPolicy()
    /** What a read-back decides: a final result, or undefined when the write is still to be sent again. */
    const decide = async (failure: E.Left<SubUserError>): Promise<E.Either<SubUserError, A> | undefined> => {
      const seen = await readBack(failure.left)()
      if (E.isLeft(seen) || seen.right.found === 'unclear') return failure
      if (seen.right.found === 'applied') return E.right(seen.right.value)
      if (seen.right.found === 'conflict') return E.left(seen.right.error)
      return undefined
    }
    let lastFailure: E.Left<SubUserError> | undefined
    for (let attempt = 0; ; attempt++) {
      const result = await write()
      if (E.isRight(result)) {
        if (lastFailure === undefined) return result
        // A re-send went through: an earlier attempt may have been applied late, after all.
        const seen = await readBack(lastFailure.left)()
        return E.isRight(seen) && seen.right.found === 'conflict' ? E.left(seen.right.error) : result
      }
      if (!isAmbiguous(result.left)) return result
      lastFailure = result
      const first = await decide(result)
      if (first !== undefined) return first
      if (resend && attempt >= retries) return result
      const settle = SETTLE_TIMEOUTS * timing.exchangeTimeoutMs()
      if (settle >= remainingMs()) return result
      await wait(settle)
      const settled = await decide(result)
      if (settled !== undefined) return settled
      if (!resend) return E.left(notApplied(result.left))
      const delay = retryDelay(timing.retryPolicy(), attempt, undefined)
      if (delay >= remainingMs()) return result
      await wait(delay)
    }
  }

/** A write's ambiguous failure once two read-backs agree that it was not applied: the same error, marked retryable. */
const notApplied = (e: SubUserError): SubUserError =>
  new SubUserError({
    kind: e.kind,
    provider: e.provider,
    operation: e.operation,
    message: `${e.message.replace(/; it may have been applied, so it is not to be retried blindly$/, '')}; read back twice since: it was not applied, and may be sent again`,
    retryable: true,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.vendorCode === undefined ? {} : { vendorCode: e.vendorCode }),
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
    ...(e.fields === undefined ? {} : { fields: e.fields }),
  })
