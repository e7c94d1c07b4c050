/**
 * The kit's TaskEither combinators (src/task-either.ts) give what fp-ts's own give, on every
 * Right and Left, and start the inner task only once the outer one has succeeded.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as FP from 'fp-ts/TaskEither'
import * as TE from '../../src/task-either'

/** A task of this Either, and how many times it ran. */
const counted = <L, R>(e: E.Either<L, R>) => {
  let runs = 0
  const task: FP.TaskEither<L, R> = () => {
    runs++
    return Promise.resolve(e)
  }
  return { task, runs: () => runs }
}

const either = fc.oneof(fc.integer().map((n) => E.right(n) as E.Either<string, number>), fc.string().map((s) => E.left(s) as E.Either<string, number>))

describe('task-either combinators', () => {
  it('agree with fp-ts on every input, and run each inner task as often as fp-ts does', async () => {
    await fc.assert(
      fc.asyncProperty(either, either, async (outer, inner) => {
        const pairs: ReadonlyArray<readonly [string, (ma: FP.TaskEither<string, number>, f: () => FP.TaskEither<string, number>) => [FP.TaskEither<unknown, unknown>, FP.TaskEither<unknown, unknown>]]> = [
          ['map', (ma) => [pipe(ma, TE.map((n) => n * 2)), pipe(ma, FP.map((n) => n * 2))]],
          ['mapLeft', (ma) => [pipe(ma, TE.mapLeft((s) => s.length)), pipe(ma, FP.mapLeft((s) => s.length))]],
          ['flatMap', (ma, f) => [pipe(ma, TE.flatMap(f)), pipe(ma, FP.flatMap(f))]],
          ['flatMapEither', (ma) => [pipe(ma, TE.flatMapEither(() => inner)), pipe(ma, FP.flatMapEither(() => inner))]],
          ['orElse', (ma, f) => [pipe(ma, TE.orElse(f)), pipe(ma, FP.orElse(f))]],
          ['tap', (ma, f) => [pipe(ma, TE.tap(f)), pipe(ma, FP.tap(f))]],
          ['tapError', (ma, f) => [pipe(ma, TE.tapError(f)), pipe(ma, FP.tapError(f))]],
        ]
        for (const [, build] of pairs) {
          const ours = counted(inner)
          const theirs = counted(inner)
          const [a] = build(() => Promise.resolve(outer), () => ours.task)
          const [, b] = build(() => Promise.resolve(outer), () => theirs.task)
          expect(await a()).toEqual(await b())
          expect(ours.runs()).toBe(theirs.runs())
        }
      }),
      { numRuns: 300 },
    )
  })

  it('does not start anything before the task is run', () => {
    const outer = counted(E.right(1))
    const inner = counted(E.right(2))
    pipe(outer.task, TE.flatMap(() => inner.task), TE.tap(() => inner.task), TE.map(String))
    expect([outer.runs(), inner.runs()]).toEqual([0, 0])
  })
})
