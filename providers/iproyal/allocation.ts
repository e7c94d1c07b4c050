/**
 * IPRoyal's allocation model (vendor sheet §2, §6.3–§6.6): a sub-user's traffic limit is traffic
 * moved out of the main balance, so a limit change is a give-traffic or take-traffic of the exact
 * difference, each a non-idempotent POST. This module moves an allocation, reads back a move
 * left without an answer (never applying it twice), and checks the main balance and the result.
 */
import { pipe } from 'fp-ts/function'
import { TE } from '../../src/adapter'
import { formatBytes, type Operation, type ReadBack, SubUserError, validationError, writeOnce, type WriteTiming } from '../../src/adapter'
import type { IPRoyalApi } from './api'
import type { IPRoyalSubUser } from './codecs'
import { allocationBytes } from './mapping'
import { IPROYAL_ALLOCATION_TOLERANCE_BYTES, toBytes, toGB } from './units'

/**
 * Where an allocation read back stands: at the `target` (the move was applied), still at
 * `before` (it was not), or elsewhere (`other`: someone else changed it). Each match is within
 * {@link IPROYAL_ALLOCATION_TOLERANCE_BYTES} and the nearer of the two.
 * @example
 * compareAllocation(gib(12), gib(10), gib(12)) // 'target'
 * compareAllocation(gib(11), gib(10), gib(12)) // 'other'
 */
export const compareAllocation = (seen: number, before: number, target: number): 'target' | 'before' | 'other' => {
  const toTarget = Math.abs(seen - target)
  const toBefore = Math.abs(seen - before)
  if (toTarget <= IPROYAL_ALLOCATION_TOLERANCE_BYTES && toTarget < toBefore) return 'target'
  if (toBefore <= IPROYAL_ALLOCATION_TOLERANCE_BYTES && toBefore < toTarget) return 'before'
  return 'other'
}

/**
 * Moves a sub-user's allocation from `before` to `target` bytes: give-traffic or take-traffic
 * of the exact difference (nothing when it is 0). A move left without an answer (timeout,
 * reset, 5xx) is never sent again blindly: the sub-user is read back; at the target, it is
 * done; still at `before`, it is sent once more (after the settling wait of `writeOnce`, and
 * only where the retry policy allows retries) and read back the same way; anywhere else, it
 * fails as `vendor` ("concurrent allocation change") with both totals.
 * @example
 * moveAllocation(http, api, hash, gib(10), gib(12)) // POST …/give-traffic {"amount":2}
 */
export const moveAllocation = (timing: WriteTiming, api: IPRoyalApi, hash: string, before: number, target: number): TE.TaskEither<SubUserError, void> => {
  const delta = target - before
  if (delta === 0) return TE.right(undefined)
  const direction = delta > 0 ? 'give' : 'take'
  // Sent once more at most, whatever the policy's retry count: each send moves traffic.
  const once: WriteTiming = {
    retryPolicy: () => {
      const policy = timing.retryPolicy()
      return { ...policy, retries: Math.min(1, policy.retries) }
    },
    exchangeTimeoutMs: () => timing.exchangeTimeoutMs(),
  }
  const send = pipe(api.move(direction, hash, toGB(Math.abs(delta))), TE.map(() => undefined))
  return writeOnce(once, send, () =>
    pipe(
      api.retrieve('update', hash),
      TE.map((now): ReadBack<void> => {
        const seen = allocationBytes(now)
        const where = compareAllocation(seen, before, target)
        if (where === 'target') return { found: 'applied', value: undefined }
        if (where === 'before') return { found: 'not-applied' }
        return { found: 'conflict', error: concurrentChange(direction, before, target, seen) }
      }),
    ),
  )
}

const concurrentChange = (direction: 'give' | 'take', before: number, target: number, seen: number): SubUserError =>
  new SubUserError({
    kind: 'vendor',
    provider: 'iproyal',
    operation: 'update',
    retryable: false,
    message: `iproyal update: concurrent allocation change: the ${direction}-traffic left without an answer was to move the allocation from ${formatBytes(before)} (${before} bytes) to ${formatBytes(target)} (${target} bytes), and it reads ${formatBytes(seen)} (${seen} bytes): someone else changed it; not sent again`,
  })

/**
 * The sub-user read after a limit change, if its allocation is the target within
 * {@link IPROYAL_ALLOCATION_TOLERANCE_BYTES}; otherwise a `vendor` error with the value seen.
 * @example
 * checkAllocation(afterGive, gib(12)) // Right(afterGive)
 */
export const checkAllocation = (now: IPRoyalSubUser, target: number): TE.TaskEither<SubUserError, IPRoyalSubUser> => {
  const seen = allocationBytes(now)
  return Math.abs(seen - target) <= IPROYAL_ALLOCATION_TOLERANCE_BYTES
    ? TE.right(now)
    : TE.left(
        new SubUserError({
          kind: 'vendor',
          provider: 'iproyal',
          operation: 'update',
          retryable: false,
          message: `iproyal update: the allocation reads ${formatBytes(seen)} (${seen} bytes) after the change, not the ${formatBytes(target)} (${target} bytes) asked (the vendor rounded it, or someone else changed it)`,
        }),
      )
}

/**
 * Refuses a new limit below what the sub-user has used (used traffic cannot be taken back), as `validation`.
 * @example
 * checkAboveUsed(current, mib(100)) // Left(validation) when 200 MiB are used
 */
export const checkAboveUsed = (current: IPRoyalSubUser, target: number): TE.TaskEither<SubUserError, void> => {
  const used = toBytes(current.traffic_used)
  return target >= used
    ? TE.right(undefined)
    : TE.left(
        validationError('iproyal', 'update', [
          { path: 'trafficLimitBytes', message: `must be at least the ${formatBytes(used)} (${used} bytes) the sub-user has used: used traffic cannot be taken back` },
        ]),
      )
}

/**
 * Checks that the main balance (`GET /me`) covers `bytes` before a create or give moves them
 * out of it; a `quota` error otherwise, and nothing is sent. Nothing is read for 0 bytes.
 * @example
 * checkBalance(api, 'create', gib(10)) // Left(quota) when /me says 5 GB
 */
export const checkBalance = (api: IPRoyalApi, operation: Extract<Operation, 'create' | 'update'>, bytes: number): TE.TaskEither<SubUserError, void> =>
  bytes <= 0
    ? TE.right(undefined)
    : pipe(
        api.me(operation),
        TE.flatMap((me) => {
          const available = toBytes(me.available_traffic)
          return available >= bytes
            ? TE.right(undefined)
            : TE.left(
                new SubUserError({
                  kind: 'quota',
                  provider: 'iproyal',
                  operation,
                  retryable: false,
                  message: `iproyal ${operation}: the main balance holds ${formatBytes(available)} (${available} bytes), short of the ${formatBytes(bytes)} (${bytes} bytes) this ${operation} moves into the sub-user; nothing was changed`,
                }),
              )
        }),
      )
