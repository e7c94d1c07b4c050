/**
 * Declarative provisioning, second step: carry out a plan through its
 * provider, so the provider's rate limit, concurrency cap, retries and
 * safe-write rules apply to every change. Applying again re-plans from what
 * is there: a change that went through is not repeated.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { ProviderId } from '../domain'
import { validationError, type SubUserError } from '../errors'
import { plan, toInput, toPatch, type Plan, type PlannedChange, type WantedSubUser } from './plan'

/**
 * How one change went: `done`, `failed` (with the error), `skipped` (not
 * started: the run was aborted first) or `unchanged` (nothing to do).
 * @example
 * const o: ChangeOutcome = { action: 'create', username: 'alice001', id: 'alice001', result: 'done' }
 */
export interface ChangeOutcome {
  readonly action: PlannedChange['action']
  readonly username: string
  /** The sub-user's id: known before a delete or update, after a create that went through. */
  readonly id?: string
  readonly result: 'done' | 'failed' | 'skipped' | 'unchanged'
  readonly error?: SubUserError
}

/**
 * Progress after each change that was carried out (unchanged ones are not counted).
 * @example
 * apply(p, { onProgress: ({ done, total }) => console.log(`${done}/${total}`) })
 */
export interface ApplyProgress {
  readonly provider: ProviderId
  readonly done: number
  readonly total: number
  readonly failed: number
  readonly last: ChangeOutcome
}

/**
 * Options of {@link apply}.
 * @example
 * apply(p, { concurrency: 8, onProgress: console.log, signal: AbortSignal.timeout(60_000) })
 */
export interface ApplyOptions {
  /** Changes in flight at once (default {@link DEFAULT_APPLY_CONCURRENCY}); the provider's own rate limit still applies. */
  readonly concurrency?: number
  readonly onProgress?: (progress: ApplyProgress) => void
  /** Once aborted, no further change is started; those left are reported as `skipped`. */
  readonly signal?: AbortSignal
}

/**
 * The outcome of every change of a plan, in the plan's order, and the counts.
 * @example
 * if (report.failed > 0) process.exitCode = 1
 */
export interface ApplyReport {
  readonly provider: ProviderId
  readonly outcomes: ReadonlyArray<ChangeOutcome>
  readonly created: number
  readonly updated: number
  readonly deleted: number
  readonly unchanged: number
  readonly failed: number
  readonly skipped: number
}

/** Changes in flight at once when `concurrency` is not given. @example DEFAULT_APPLY_CONCURRENCY === 4 */
export const DEFAULT_APPLY_CONCURRENCY = 4

/**
 * Carries out a plan: deletes first (they may free a vendor quota), then the
 * updates and creates, at most `concurrency` at a time. A create refused as a
 * `conflict` (the name was taken since the plan) is planned again: the
 * sub-user is kept if it matches and updated if not. A failed change does
 * not stop the others; each outcome is in the report, so the TaskEither only
 * fails (with a `validation` error, nothing sent) when the options are bad.
 * @example
 * const report = await pipe(plan(provider, wanted), TE.flatMap((p) => apply(p, { concurrency: 4 })))()
 */
export const apply = (planned: Plan, options: ApplyOptions = {}): TE.TaskEither<SubUserError, ApplyReport> => {
  const concurrency = options.concurrency ?? DEFAULT_APPLY_CONCURRENCY
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    return TE.left(validationError(planned.provider.id, 'create', [{ path: 'concurrency', message: 'must be a whole number of at least 1' }]))
  }
  return async () => {
    const outcomes: Array<ChangeOutcome | undefined> = planned.changes.map((c) =>
      c.action === 'unchanged' ? { action: c.action, username: c.username, id: c.id, result: 'unchanged' } : undefined,
    )
    const order = planned.changes
      .map((change, index) => ({ change, index }))
      .filter((c): c is { change: Actionable; index: number } => c.change.action !== 'unchanged')
      .sort((a, b) => Number(b.change.action === 'delete') - Number(a.change.action === 'delete'))
    let next = 0
    let done = 0
    let failed = 0
    const worker = async (): Promise<void> => {
      while (next < order.length && options.signal?.aborted !== true) {
        const { change, index } = order[next++]!
        const outcome = await carryOut(planned, change)
        outcomes[index] = outcome
        done++
        if (outcome.result === 'failed') failed++
        options.onProgress?.({ provider: planned.provider.id, done, total: order.length, failed, last: outcome })
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, order.length) }, worker))
    const all = planned.changes.map(
      (c, i): ChangeOutcome => outcomes[i] ?? { action: c.action, username: c.username, ...('id' in c ? { id: c.id } : {}), result: 'skipped' },
    )
    const count = (action: PlannedChange['action']) => all.filter((o) => o.action === action && o.result === 'done').length
    return E.right({
      provider: planned.provider.id,
      outcomes: all,
      created: count('create'),
      updated: count('update'),
      deleted: count('delete'),
      unchanged: all.filter((o) => o.result === 'unchanged').length,
      failed: all.filter((o) => o.result === 'failed').length,
      skipped: all.filter((o) => o.result === 'skipped').length,
    })
  }
}

type Actionable = Exclude<PlannedChange, { action: 'unchanged' }>

const carryOut = async (planned: Plan, change: Actionable): Promise<ChangeOutcome> => {
  const { provider } = planned
  const base = { action: change.action, username: change.username }
  const result =
    change.action === 'create'
      ? await pipe(
          provider.create(toInput(change.input)),
          TE.map((u) => u.id),
          TE.orElse((e) => (e.kind === 'conflict' ? adopt(planned, change.input, e) : TE.left(e))),
        )()
      : change.action === 'update'
        ? await TE.map(() => change.id)(provider.update(change.id, toPatch(change.patch)))()
        : await TE.map(() => change.id)(provider.delete(change.id))()
  return E.isRight(result)
    ? { ...base, id: result.right, result: 'done' }
    : { ...base, ...('id' in change ? { id: change.id } : {}), result: 'failed', error: result.left }
}

/**
 * A create refused because the name was taken after the plan was made (for
 * instance by an earlier, interrupted run whose request landed late): plan
 * that one sub-user again and keep it if it matches, update it if it does not.
 * Anything else keeps the create's own error.
 */
const adopt = (planned: Plan, input: WantedSubUser, refused: SubUserError): TE.TaskEither<SubUserError, string> =>
  pipe(
    plan(planned.provider, [toInput(input)]),
    TE.flatMap((again) => {
      const change = again.changes[0]
      if (change?.action === 'unchanged') return TE.right(change.id)
      if (change?.action === 'update') return pipe(planned.provider.update(change.id, toPatch(change.patch)), TE.map(() => change.id))
      return TE.left(refused)
    }),
  )
