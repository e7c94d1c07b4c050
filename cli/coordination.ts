/**
 * The CLI's coordination: with `--redis <url>` (or `PROXY_SUBUSERS_REDIS_URL`)
 * pacing and apply locks shared through Redis, otherwise apply locks as lock
 * files on this machine; and holding the locks of the accounts a manifest
 * command writes to while it plans and applies.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { takeLock, type LockWait } from '../src/coordination/lock'
import { localLocks } from '../src/coordination/local-locks'
import type { AccountLock, AccountLocks, Coordination } from '../src/coordination/types'
import type { ProviderId } from '../src/domain'
import type { SubUserProvider } from '../src/provider'
import { connectRedis } from '../src/redis/connect'
import { redisCoordination } from '../src/redis/coordination'
import { EXIT_FAILURE, EXIT_LOCKED, INTERRUPTED, failureFrom, usageFailure, type CliFailure } from './failure'

/** The variable that names the Redis to coordinate through, when `--redis` is not given. @example REDIS_URL_VARIABLE // 'PROXY_SUBUSERS_REDIS_URL' */
export const REDIS_URL_VARIABLE = 'PROXY_SUBUSERS_REDIS_URL'

/** The variable that sets the apply locks' time to live, in milliseconds. @example LOCK_TTL_VARIABLE // 'PROXY_SUBUSERS_LOCK_TTL_MS' */
export const LOCK_TTL_VARIABLE = 'PROXY_SUBUSERS_LOCK_TTL_MS'

type Env = Readonly<Record<string, string | undefined>>

/**
 * What a command coordinates through: the providers' shared pacing (with
 * Redis only), the apply locks, and how to close the connection.
 * @example
 * const c: CliCoordination = { locks: localLocks(), close: async () => undefined }
 */
export interface CliCoordination {
  readonly coordination?: Coordination
  readonly locks: AccountLocks
  close(): Promise<void>
}

const lockTtl = (env: Env): E.Either<CliFailure, number | undefined> => {
  const text = env[LOCK_TTL_VARIABLE]
  if (text === undefined || text === '') return E.right(undefined)
  const ms = Number(text)
  return Number.isSafeInteger(ms) && ms >= 300 && ms <= 2 ** 31 - 1 ? E.right(ms) : E.left(usageFailure(`${LOCK_TTL_VARIABLE} must be a whole number of milliseconds from 300 to ${2 ** 31 - 1}`))
}

/**
 * Opens the coordination a command asked for: Redis when a URL is given (a
 * failure to reach it stops the command: nothing is sent without it), lock
 * files on this machine otherwise.
 * @example
 * const c = await openCoordination('redis://127.0.0.1:6379', process.env)()
 */
export const openCoordination = (url: string | undefined, env: Env): TE.TaskEither<CliFailure, CliCoordination> =>
  pipe(
    TE.fromEither(lockTtl(env)),
    TE.flatMap((ttlMs): TE.TaskEither<CliFailure, CliCoordination> => {
      if (url === undefined || url === '') return TE.right({ locks: localLocks(ttlMs === undefined ? {} : { ttlMs }), close: async () => undefined })
      return TE.tryCatch(
        async (): Promise<CliCoordination> => {
          const redis = await connectRedis(url)
          const coordination = redisCoordination(redis, ttlMs === undefined ? {} : { lockTtlMs: ttlMs })
          return { coordination, locks: coordination, close: () => redis.quit().then(() => undefined, () => redis.disconnect()) }
        },
        (e): CliFailure => ({ ...failureFrom(e), exitCode: EXIT_FAILURE, kind: 'network', message: `${failureFrom(e).message}; nothing was sent (--redis or ${REDIS_URL_VARIABLE})` }),
      )
    }),
  )

/**
 * What a run waiting for a lock says on stderr, once.
 * @example
 * lockWaitNotice({ label: 'webshare account 3f9a1c2e', holder: undefined, backend: 'Redis' }) // 'waiting for the lock on webshare account 3f9a1c2e, held by another run (Redis); --no-wait exits instead'
 */
export const lockWaitNotice = (w: LockWait): string =>
  `waiting for the lock on ${w.label}, held by another run${w.holder === undefined ? '' : ` (${w.holder})`} (${w.backend}); --no-wait exits instead`

/**
 * Runs `body` holding the lock of each provider's account, taken one after
 * the other in the given order (every run takes them in the same order, so
 * two never wait on each other), and lets go of them all at the end. With
 * `wait` false a lock held by another run is a failure with exit code 3;
 * an interrupt while waiting exits 130.
 * @example
 * withAccountLocks(providers, locks, { wait: true, notice: console.error }, (held) => apply(...))
 */
export const withAccountLocks = <A>(
  providers: ReadonlyArray<SubUserProvider>,
  locks: AccountLocks,
  options: { readonly wait: boolean; readonly signal?: AbortSignal; readonly notice: (text: string) => void },
  body: (held: ReadonlyMap<ProviderId, AccountLock>) => TE.TaskEither<CliFailure, A>,
): TE.TaskEither<CliFailure, A> => {
  const held = new Map<ProviderId, AccountLock>()
  const releaseAll = TE.fromTask(async () => {
    for (const lock of [...held.values()].reverse()) await lock.release()
  })
  const takeAll = pipe(
    providers,
    TE.traverseSeqArray((provider) =>
      pipe(
        takeLock(provider, locks, { wait: options.wait, onWait: (w) => options.notice(lockWaitNotice(w)), ...(options.signal === undefined ? {} : { signal: options.signal }) }),
        TE.mapLeft((refused): CliFailure => {
          if (refused.reason === 'aborted') return INTERRUPTED
          const failure = failureFrom(refused.error)
          return refused.reason === 'busy' ? { ...failure, exitCode: EXIT_LOCKED, message: `${failure.message}: run again when it is done, or without --no-wait to wait for it` } : failure
        }),
        TE.tapIO((lock) => () => held.set(provider.id, lock)),
      ),
    ),
  )
  return TE.bracket(
    TE.right(undefined),
    () => pipe(takeAll, TE.flatMap(() => body(held))),
    () => releaseAll,
  )
}
