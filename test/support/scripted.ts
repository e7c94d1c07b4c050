/**
 * A task that fails with the given errors in turn, then succeeds with
 * `value`; it counts its runs.
 */
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { SubUserError } from '../../src/errors'

export const scripted = <A>(errors: ReadonlyArray<SubUserError>, value: A) => {
  let runs = 0
  const task: TE.TaskEither<SubUserError, A> = async () => {
    const e = errors[runs++]
    return e === undefined ? E.right(value) : E.left(e)
  }
  return { task, runs: () => runs }
}
