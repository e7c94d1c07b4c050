/**
 * What every adapter test does with a task: run it expecting a failure or a success, and read
 * every string a failure shows (for redaction checks).
 */
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { inspect } from 'node:util'
import type { SubUserError } from '../../src/errors'

/** Runs a task that must fail and returns its error. */
export const failure = async (task: TE.TaskEither<SubUserError, unknown>): Promise<SubUserError> => {
  const r = await task()
  if (E.isRight(r)) throw new Error(`expected a failure, got ${JSON.stringify(r.right)}`)
  return r.left
}

/** Runs a task that must succeed and returns its value. */
export const success = async <A>(task: TE.TaskEither<SubUserError, A>): Promise<A> => {
  const r = await task()
  if (E.isLeft(r)) throw r.left
  return r.right
}

/** Every string a failure shows: message, String(), JSON, util.inspect at every depth, its fields and its stack. */
export const everything = (e: SubUserError): string =>
  [e.message, String(e), JSON.stringify(e), inspect(e, { depth: Infinity }), JSON.stringify(e.fields ?? []), e.stack ?? ''].join('\n')
