/**
 * Declarative provisioning, second step: carry out a plan through its
 * provider, so the provider's rate limit, concurrency cap, retries and
 * safe-write rules apply to every change. Applying again re-plans from what
 * is there: a change that went through is not repeated.
 *
 * While it writes, apply holds the lock of the provider's vendor account
 * (in Redis with `coordination`, else a lock file on this machine), so two
 * runs never write to one account at once, and a run whose lock is lost stops
 * before its next write.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from '../task-either'
import type { ProviderId } from '../domain'
import { SubUserError, validationError } from '../errors'
import { defaultLocks, takeLock, type LockWait } from '../coordination/lock'
import type { AccountLock, AccountLocks } from '../coordination/types'
import { withWriteGate } from '../coordination/write-gate'
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
 * apply(p, { coordination: redisCoordination(redis), wait: false })
 */
export interface ApplyOptions {
  /** Changes in flight at once (default {@link DEFAULT_APPLY_CONCURRENCY}); the provider's own rate limit still applies. */
  readonly concurrency?: number
  readonly onProgress?: (progress: ApplyProgress) => void
  /** Once aborted (waiting for the lock included), no further change is started; those left are reported as `skipped`. */
  readonly signal?: AbortSignal
  /**
   * Where the lock of the account is kept: `redisCoordination` from
   * `proxy-subusers/redis` (runs on any machine take turns), or `localLocks`.
   * Left out: a lock file on this machine (`localLocks()`).
   */
  readonly coordination?: AccountLocks
  /**
   * A lock on the plan's account that the caller holds already (from
   * `lockAccount`) and made the plan under: apply takes none, reads nothing
   * again, and leaves releasing it to the caller.
   */
  readonly lock?: AccountLock
  /** Wait while another run holds the lock (default true); false: fail at once with a `conflict`, nothing sent. */
  readonly wait?: boolean
  /** Told once, when apply finds the lock held and starts waiting. */
  readonly onLockWait?: (waiting: LockWait) => void
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
  /** Why the run stopped before its end (its lock was lost); the changes it did not start are `skipped`. */
  readonly stopped?: SubUserError
}

/** Changes in flight at once when `concurrency` is not given. @example DEFAULT_APPLY_CONCURRENCY === 4 */
export const DEFAULT_APPLY_CONCURRENCY = 4

/**
 * Carries out a plan: deletes first (they may free a vendor quota), then the
 * updates and creates, at most `concurrency` at a time. A create refused as a
 * `conflict` (the name was taken since the plan) is planned again: the
 * sub-user is kept if it matches and updated if not. A failed change does
 * not stop the others; each outcome is in the report.
 *
 * It first takes the lock of the provider's vendor account (waiting while
 * another run holds it, unless `wait` is false) and lets go at the end. Where
 * the vendor's usernames are not unique (`capabilities.uniqueUsernames`
 * false), the creates are checked again under the lock, in one listing: a
 * sub-user another run created since the plan is kept (updated if it
 * differs), not created twice. If the lock is lost, no further write is sent
 * and the report's `stopped` says why. The TaskEither fails only when nothing
 * was done: bad options (`validation`, nothing sent), the lock held with
 * `wait: false` (`conflict`), its backend unreachable (`network`), or the
 * check under the lock failing.
 * @example
 * const report = await pipe(plan(provider, wanted), TE.flatMap((p) => apply(p, { concurrency: 4 })))()
 */
export const apply = (planned: Plan, options: ApplyOptions = {}): TE.TaskEither<SubUserError, ApplyReport> => {
  const concurrency = options.concurrency ?? DEFAULT_APPLY_CONCURRENCY
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    return TE.left(validationError(planned.provider.id, 'create', [{ path: 'concurrency', message: 'must be a whole number of at least 1' }]))
  }
  if (options.lock !== undefined) return carryOutAll(planned, new Map(), options.lock, concurrency, options)
  const locked = takeLock(planned.provider, options.coordination ?? defaultLocks(), {
    ...(options.wait === undefined ? {} : { wait: options.wait }),
    ...(options.onLockWait === undefined ? {} : { onWait: options.onLockWait }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })
  return pipe(
    locked,
    TE.foldW(
      // Aborted while waiting: nothing was started, as an abort before the first change.
      (refused) => (refused.reason === 'aborted' ? TE.right(report(planned, [], undefined)) : TE.left(refused.error)),
      (lock) =>
        TE.bracket(
          TE.right(lock),
          () => pipe(heldSince(planned), TE.flatMap((held) => carryOutAll(planned, held, lock, concurrency, options))),
          () => TE.fromTask(() => lock.release()),
        ),
    ),
  )
}

/**
 * For a plan made before the lock was taken, on a vendor whose usernames are
 * not unique: what each create's name holds now (one listing), so that a
 * sub-user created by another run in between is adopted, not duplicated.
 */
const heldSince = (planned: Plan): TE.TaskEither<SubUserError, ReadonlyMap<string, Found>> => {
  const creates = planned.changes.flatMap((c) => (c.action === 'create' ? [toInput(c.input)] : []))
  if (creates.length === 0 || planned.provider.capabilities.uniqueUsernames !== false) return TE.right(new Map())
  return pipe(
    plan(planned.provider, creates),
    TE.map((again) => new Map(again.changes.filter(isFound).map((c) => [c.username, c]))),
  )
}

const carryOutAll =
  (planned: Plan, held: ReadonlyMap<string, Found>, lock: AccountLock, concurrency: number, options: ApplyOptions): TE.TaskEither<SubUserError, ApplyReport> =>
  async () => {
    const order = planned.changes
      .map((change, index) => ({ change, index }))
      .filter((c): c is { change: Actionable; index: number } => c.change.action !== 'unchanged')
      .sort((a, b) => Number(b.change.action === 'delete') - Number(a.change.action === 'delete'))
    const outcomes = new Map<number, ChangeOutcome>()
    let next = 0
    let done = 0
    let failed = 0
    let stopped: SubUserError | undefined
    const gate = () => lock.lost()
    const worker = async (): Promise<void> => {
      while (next < order.length && options.signal?.aborted !== true && stopped === undefined) {
        const { change, index } = order[next]!
        const loss = lock.lost()
        if (loss !== undefined) {
          stopped = new SubUserError({ kind: loss.kind, provider: planned.provider.id, operation: change.action, retryable: false, message: `${planned.provider.id} apply: stopped before its next change: ${loss.message}` })
          return
        }
        next++
        const outcome = await withWriteGate(gate, () => carryOut(planned, change, held.get(change.username), lock))
        outcomes.set(index, outcome)
        done++
        if (outcome.result === 'failed') failed++
        options.onProgress?.({ provider: planned.provider.id, done, total: order.length, failed, last: outcome })
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, order.length) }, worker))
    return E.right(report(planned, [...outcomes], stopped))
  }

/** The report of a plan from the outcomes of the changes carried out (by index); any other change is unchanged or skipped. */
const report = (planned: Plan, carried: ReadonlyArray<readonly [number, ChangeOutcome]>, stopped: SubUserError | undefined): ApplyReport => {
  const byIndex = new Map(carried)
  const all = planned.changes.map(
    (c, i): ChangeOutcome =>
      c.action === 'unchanged'
        ? { action: c.action, username: c.username, id: c.id, result: 'unchanged' }
        : (byIndex.get(i) ?? { action: c.action, username: c.username, ...('id' in c ? { id: c.id } : {}), result: 'skipped' }),
  )
  const count = (action: PlannedChange['action']) => all.filter((o) => o.action === action && o.result === 'done').length
  return {
    provider: planned.provider.id,
    outcomes: all,
    created: count('create'),
    updated: count('update'),
    deleted: count('delete'),
    unchanged: all.filter((o) => o.result === 'unchanged').length,
    failed: all.filter((o) => o.result === 'failed').length,
    skipped: all.filter((o) => o.result === 'skipped').length,
    ...(stopped === undefined ? {} : { stopped }),
  }
}

type Actionable = Exclude<PlannedChange, { action: 'unchanged' }>

/**
 * Carries out one change; a create whose name is held now (`now`, checked
 * under the lock) is adopted instead, and so is one refused as a `conflict`
 * while the lock holds (a refusal because the lock was lost is not).
 */
const carryOut = async (planned: Plan, change: Actionable, now: Found | undefined, lock: AccountLock): Promise<ChangeOutcome> => {
  const { provider } = planned
  const base = { action: change.action, username: change.username }
  const result =
    change.action === 'create'
      ? await (now === undefined
          ? pipe(
              provider.create(toInput(change.input)),
              TE.map((u) => u.id),
              TE.orElse((e) => (e.kind === 'conflict' && lock.lost() === undefined ? adopt(planned, change.input, e) : TE.left(e))),
            )
          : keep(planned, now))()
      : change.action === 'update'
        ? await TE.map(() => change.id)(provider.update(change.id, toPatch(change.patch)))()
        : await TE.map(() => change.id)(provider.delete(change.id))()
  return E.isRight(result)
    ? { ...base, id: result.right, result: 'done' }
    : { ...base, ...('id' in change ? { id: change.id } : {}), result: 'failed', error: result.left }
}

/** What a create's name holds when a sub-user is found under it. */
type Found = Extract<PlannedChange, { action: 'update' | 'unchanged' }>

const isFound = (c: PlannedChange | undefined): c is Found => c?.action === 'update' || c?.action === 'unchanged'

/** A sub-user found under a create's name: kept as it is, or updated where it differs. */
const keep = (planned: Plan, now: Found): TE.TaskEither<SubUserError, string> =>
  now.action === 'update' ? pipe(planned.provider.update(now.id, toPatch(now.patch)), TE.map(() => now.id)) : TE.right(now.id)

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
      return isFound(change) ? keep(planned, change) : TE.left(refused)
    }),
  )
