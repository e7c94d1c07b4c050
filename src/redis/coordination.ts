/**
 * Coordination over Redis: the shared schedule of each vendor account and
 * its apply lock, kept under `prefix` and keyed by the account's hash.
 *
 * Why Lua scripts and not rate-limiter-flexible: the pacing wanted here is
 * the in-process scheduler's (src/rate-limit.ts), stretched over processes:
 * starts reserved one after another on one timeline, evenly spaced, the
 * spacing doubling when anyone is told "too many" and recovering as calls go
 * through. rate-limiter-flexible counts points in fixed windows and tells a
 * refused caller how long to wait: callers then retry together (bursts at each
 * window's start, which a sliding-window vendor limit refuses), and it keeps
 * no shared spacing to slow down. A reservation is one short script, run
 * atomically by Redis on Redis's clock, so the processes' clocks never enter
 * it. The lock is the single-instance pattern Redis documents (SET NX PX, a
 * token checked by script on renew and release); Redlock's several-masters
 * algorithm is not needed for one Redis.
 */
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { CoordinationError } from '../coordination/error'
import type { AccountLock, Coordination, PaceRule, SharedPacer } from '../coordination/types'
import { scriptRunner, type RedisClient } from './client'
import { LOCK, RECOVER, RENEW, RESERVE, SLOW_DOWN, UNLOCK } from './scripts'

/** The default key prefix. @example DEFAULT_REDIS_PREFIX === 'proxy-subusers:' */
export const DEFAULT_REDIS_PREFIX = 'proxy-subusers:'
/** The default time allowed for one Redis command, in milliseconds. @example DEFAULT_REDIS_COMMAND_TIMEOUT_MS === 2_000 */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 2_000
/** The default time to live of an apply lock: how long after its holder dies another run may take it. @example DEFAULT_REDIS_LOCK_TTL_MS === 15_000 */
export const DEFAULT_REDIS_LOCK_TTL_MS = 15_000

/**
 * Options of {@link redisCoordination}.
 * @example
 * redisCoordination(redis, { prefix: 'staging:proxy-subusers:', lockTtlMs: 30_000 })
 */
export interface RedisCoordinationOptions {
  /** Prepended to every key (default {@link DEFAULT_REDIS_PREFIX}): processes share state only under one prefix. */
  readonly prefix?: string
  /** Time allowed for one Redis command (default {@link DEFAULT_REDIS_COMMAND_TIMEOUT_MS}); past it the call fails as `network`. */
  readonly commandTimeoutMs?: number
  /** Apply locks' time to live (default {@link DEFAULT_REDIS_LOCK_TTL_MS}); a holder renews its lock every third of it. */
  readonly lockTtlMs?: number
}

const positiveWhole = (name: string, value: unknown, fallback: number, min = 1): number => {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > 2 ** 31 - 1) {
    throw new RangeError(`redisCoordination: ${name} must be a whole number of milliseconds from ${min} to ${2 ** 31 - 1}`)
  }
  return value
}

/**
 * Pacing and apply locks shared through Redis, for the `coordination` option
 * of providers and of `apply`. Every process that gives its providers a
 * coordination on the same Redis (and prefix) and the same vendor account
 * draws request starts from one schedule; `apply` holds one lock per account.
 * Keys: `<prefix>pace:<account hash>` (a hash, expiring when idle) and
 * `<prefix>lock:<account hash>`. This entry never loads ioredis itself: it
 * drives the client given. Every command is bounded by `commandTimeoutMs`;
 * a failure is a `network` error naming Redis, and nothing is sent to the
 * vendor without a slot from Redis.
 * @example
 * import { Redis } from 'ioredis'
 * import { redisCoordination } from 'proxy-subusers/redis'
 * const coordination = redisCoordination(new Redis(process.env.REDIS_URL!), { prefix: 'prod:' })
 * const webshare = createWebshareProvider({ apiKey, coordination })
 */
export const redisCoordination = (redis: RedisClient, options: RedisCoordinationOptions = {}): Coordination => {
  if (typeof redis !== 'object' || redis === null || typeof redis.evalsha !== 'function' || typeof redis.eval !== 'function') {
    throw new TypeError('redisCoordination: expected a Redis client (an ioredis Redis or Cluster)')
  }
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX
  if (typeof prefix !== 'string') throw new TypeError('redisCoordination: prefix must be a string')
  const commandTimeoutMs = positiveWhole('commandTimeoutMs', options.commandTimeoutMs, DEFAULT_REDIS_COMMAND_TIMEOUT_MS)
  const lockTtlMs = positiveWhole('lockTtlMs', options.lockTtlMs, DEFAULT_REDIS_LOCK_TTL_MS, 300)
  const run = scriptRunner(redis, commandTimeoutMs)
  return {
    name: 'Redis',
    ttlMs: lockTtlMs,
    pacer: (account, rule) => redisPacer(run, `${prefix}pace:${account}`, rule),
    tryLock: async (account) => {
      const key = `${prefix}lock:${account}`
      const token = `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()} #${randomUUID()}`
      const sent = performance.now()
      let reply: unknown
      try {
        reply = await run(LOCK, key, [token, lockTtlMs], 'taking the apply lock')
      } catch (e) {
        // The answer may come after all: let go of what it may have taken.
        void run(UNLOCK, key, [token], 'releasing the apply lock').catch(() => undefined)
        throw e
      }
      if (!Array.isArray(reply) || reply.length !== 2) throw unexpected('taking the apply lock')
      if (Number(reply[0]) === 1) return { held: redisLock(run, key, token, lockTtlMs, sent) }
      const holder = typeof reply[1] === 'string' ? reply[1].replace(/ #[^ ]*$/, '') : ''
      return { busy: holder === '' ? undefined : holder }
    },
  }
}

type Run = ReturnType<typeof scriptRunner>

const unexpected = (what: string) => new CoordinationError('network', `Redis answered ${what} with something unexpected`)

const redisPacer = (run: Run, key: string, rule: PaceRule): SharedPacer => {
  // Idle schedules expire; a busy one is kept (each reservation renews it).
  const keyTtl = Math.ceil(Math.max(60_000, rule.maxSpacingMs * 4))
  return {
    reserve: async () => {
      const reply = await run(RESERVE, key, [rule.spacingMs, keyTtl], 'a pacing slot')
      const [waitMs, spacingMs] = Array.isArray(reply) ? reply.map(Number) : []
      if (waitMs === undefined || spacingMs === undefined || !Number.isFinite(waitMs) || !Number.isFinite(spacingMs)) throw unexpected('a pacing slot')
      return { waitMs, spacingMs }
    },
    slowDown: async () => {
      await run(SLOW_DOWN, key, [rule.spacingMs, rule.maxSpacingMs, keyTtl], 'slowing down')
    },
    recover: async () => {
      await run(RECOVER, key, [rule.spacingMs, rule.recovery], 'recovering the pace')
    },
  }
}

/**
 * A held Redis lock, renewed every third of its time to live. It counts as
 * lost when Redis says another holds it or it is gone, and when no renewal has
 * been confirmed for three quarters of the time to live (Redis unreachable,
 * or this process paused): by then it may have expired.
 */
const redisLock = (run: Run, key: string, token: string, ttlMs: number, sentAt: number): AccountLock => {
  let validUntil = sentAt + ttlMs
  let loss: CoordinationError | undefined
  let lastFailure: CoordinationError | undefined
  let released = false
  let renewing = false
  const renew = async () => {
    const sent = performance.now()
    try {
      const renewed = Number(await run(RENEW, key, [token, ttlMs], 'renewing the apply lock'))
      if (renewed === 1) {
        validUntil = sent + ttlMs
        lastFailure = undefined
      } else loss ??= new CoordinationError('conflict', 'the apply lock expired in Redis and another run may hold it now')
    } catch (e) {
      lastFailure = CoordinationError.is(e) ? e : new CoordinationError('network', 'Redis failed (renewing the apply lock)')
    }
  }
  const timer = setInterval(() => {
    if (renewing || loss !== undefined) return
    renewing = true
    void renew().finally(() => (renewing = false))
  }, ttlMs / 3)
  timer.unref()
  return {
    lost: () => {
      if (loss !== undefined || released) return loss
      if (performance.now() > validUntil - ttlMs / 4) {
        loss =
          lastFailure === undefined
            ? new CoordinationError('conflict', `the apply lock was not renewed in time (was this process paused?), so another run may hold it (Redis, time to live ${ttlMs} ms)`)
            : new CoordinationError('network', `the apply lock could not be renewed: ${lastFailure.message}`)
      }
      return loss
    },
    release: async () => {
      if (released) return
      released = true
      clearInterval(timer)
      await run(UNLOCK, key, [token], 'releasing the apply lock').catch(() => undefined)
    },
  }
}
