/**
 * fp-ts's `TaskEither`, with its sequencing combinators (`map`, `flatMap`, `flatMapEither`,
 * `mapLeft`, `orElse`, `tap`, `tapError`) written as one `await` each. fp-ts builds each on
 * `Task`'s `chain`, which starts the inner task a microtask later, and wraps it in `dual`,
 * which copies its arguments twice per use: measured, a pipe of five of them costs about 15 µs
 * against 2 µs here, and a `get` goes through some twenty (bench/PROFILE.md). The results are
 * fp-ts `TaskEither`s, the laws the same; the other functions used here are fp-ts's own, re-exported.
 * Only the pipeable (data-last) forms are offered.
 * @example
 * import * as TE from './task-either'
 * pipe(TE.right(1), TE.flatMap((n) => TE.right(n + 1)), TE.map(String))
 */
import * as E from 'fp-ts/Either'
import type { TaskEither as FpTaskEither } from 'fp-ts/TaskEither'

// Named, not `export *`: a star re-export of an external CommonJS module does not survive bundling.
export { bracket, filterOrElse, foldW, fromEither, fromTask, left, right, traverseSeqArray } from 'fp-ts/TaskEither'

/**
 * fp-ts's `TaskEither`, the same type (declared here: a re-exported type inside the kit's `TE`
 * namespace would be declared as a value in the bundled `.d.ts`).
 * @example
 * const task: TE.TaskEither<SubUserError, number> = TE.right(1)
 */
export type TaskEither<E, A> = FpTaskEither<E, A>

/** `TE.map`, one await. @example pipe(TE.right(1), TE.map((n) => n + 1)) */
export const map =
  <A, B>(f: (a: A) => B) =>
  <E>(ma: TaskEither<E, A>): TaskEither<E, B> =>
  async () => {
    const a = await ma()
    return E.isLeft(a) ? a : E.right(f(a.right))
  }

/** `TE.mapLeft`, one await. @example pipe(TE.left('x'), TE.mapLeft((e) => e.length)) */
export const mapLeft =
  <E, G>(f: (e: E) => G) =>
  <A>(ma: TaskEither<E, A>): TaskEither<G, A> =>
  async () => {
    const a = await ma()
    return E.isLeft(a) ? E.left(f(a.left)) : a
  }

/** `TE.flatMap`, one await per step. @example pipe(TE.right(1), TE.flatMap((n) => TE.right(n + 1))) */
export const flatMap =
  <A, E2, B>(f: (a: A) => TaskEither<E2, B>) =>
  <E1>(ma: TaskEither<E1, A>): TaskEither<E1 | E2, B> =>
  async () => {
    const a = await ma()
    return E.isLeft(a) ? a : f(a.right)()
  }

/** `TE.flatMapEither`, one await. @example pipe(TE.right('1'), TE.flatMapEither(parse)) */
export const flatMapEither =
  <A, E2, B>(f: (a: A) => E.Either<E2, B>) =>
  <E1>(ma: TaskEither<E1, A>): TaskEither<E1 | E2, B> =>
  async () => {
    const a = await ma()
    return E.isLeft(a) ? a : f(a.right)
  }

/** `TE.orElse`: a Left handed to `onLeft`, a Right kept. @example pipe(TE.left('x'), TE.orElse(() => TE.right(0))) */
export const orElse =
  <E1, E2, B>(onLeft: (e: E1) => TaskEither<E2, B>) =>
  <A>(ma: TaskEither<E1, A>): TaskEither<E2, A | B> =>
  async () => {
    const a = await ma()
    return E.isLeft(a) ? onLeft(a.left)() : a
  }

/** `TE.tap`: runs `f` on a Right and keeps the value, unless `f` fails. @example pipe(TE.right(1), TE.tap(log)) */
export const tap =
  <A, E2, _>(f: (a: A) => TaskEither<E2, _>) =>
  <E1>(ma: TaskEither<E1, A>): TaskEither<E1 | E2, A> =>
  async () => {
    const a = await ma()
    if (E.isLeft(a)) return a
    const b = await f(a.right)()
    return E.isLeft(b) ? b : a
  }

/** `TE.tapError`: runs `f` on a Left and keeps the error, unless `f` fails. @example pipe(task, TE.tapError(log)) */
export const tapError =
  <E1, E2, _>(f: (e: E1) => TaskEither<E2, _>) =>
  <A>(ma: TaskEither<E1, A>): TaskEither<E1 | E2, A> =>
  async () => {
    const a = await ma()
    if (E.isRight(a)) return a
    const b = await f(a.left)()
    return E.isLeft(b) ? b : a
  }
