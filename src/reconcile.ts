/**
 * Safe writes: a write that failed without a definite answer (no response, a
 * timeout, a server error) may or may not have taken effect. It is never
 * re-sent blindly; the adapter reads back, and the write is then reported as
 * done, sent again (it did not happen), or failed with its original error
 * (the read-back could not tell).
 */
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { SubUserError } from './errors'
import { retryDelay, sleep, type RetryPolicy } from './retry'

/**
 * What a read-back found after an ambiguous write.
 * @example
 * const seen: ReadBack<SubUser> = { found: 'applied', value: user }
 */
export type ReadBack<A> =
  | { readonly found: 'applied'; readonly value: A }
  | { readonly found: 'not-applied' }
  | { readonly found: 'unclear' }

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
 * Applied: its value is the result (nothing is sent twice). Not applied: the
 * write is sent again, at most `policy().retries` times, after the policy's
 * backoff. Unclear, or the read-back failed: the original error is returned.
 * @example
 * writeOnce(http.retryPolicy, api.createUser(form), () => pipe(api.userList('create'), TE.map(findOurs)))
 */
export const writeOnce =
  <A>(
    policy: () => RetryPolicy,
    write: TE.TaskEither<SubUserError, A>,
    readBack: (failure: SubUserError) => TE.TaskEither<SubUserError, ReadBack<A>>,
    wait: (ms: number) => Promise<void> = sleep,
  ): TE.TaskEither<SubUserError, A> =>
  async () => {
    const { retries } = policy()
    for (let attempt = 0; ; attempt++) {
      const result = await write()
      if (E.isRight(result) || !isAmbiguous(result.left)) return result
      const seen = await readBack(result.left)()
      if (E.isLeft(seen)) return result
      if (seen.right.found === 'applied') return E.right(seen.right.value)
      if (seen.right.found === 'unclear' || attempt >= retries) return result
      await wait(retryDelay(policy(), attempt, undefined))
    }
  }
