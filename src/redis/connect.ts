/**
 * Opening a Redis connection from a URL with ioredis (loaded here, on first
 * use, never by another entry), set up for coordination: a bounded connect,
 * commands that fail at once while disconnected instead of queueing.
 */
import { CoordinationError } from '../coordination/error'
import type { RedisClient } from './client'

/** The default time allowed to connect to Redis, in milliseconds. @example DEFAULT_REDIS_CONNECT_TIMEOUT_MS === 5_000 */
export const DEFAULT_REDIS_CONNECT_TIMEOUT_MS = 5_000

/**
 * A Redis connection opened by {@link connectRedis}: a client for
 * `redisCoordination`, and how to close it.
 * @example
 * const redis: RedisConnection = await connectRedis('redis://127.0.0.1:6379'); await redis.quit()
 */
export interface RedisConnection extends RedisClient {
  quit(): Promise<unknown>
  disconnect(): void
}

/** What is used of ioredis's Redis class. */
type IORedis = new (url: string, options: Record<string, unknown>) => RedisConnection & {
  connect(): Promise<void>
  on(event: 'error', listener: (e: unknown) => void): unknown
}

/**
 * Where a Redis URL points, as messages show it: host and port, never the
 * user, password or database.
 * @example
 * redisTarget('redis://:s3cret@cache.internal:6380/2') // 'cache.internal:6380'
 */
export const redisTarget = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port === '' ? '6379' : u.port}`
  } catch {
    return '(an unreadable URL)'
  }
}

/**
 * Connects to Redis with ioredis (an optional peer dependency: install it to
 * use this). Fails with a CoordinationError naming Redis and the host, never
 * the URL's password: ioredis missing, a bad URL, or no connection within
 * `connectTimeoutMs`.
 * @example
 * const redis = await connectRedis(process.env.PROXY_SUBUSERS_REDIS_URL!)
 * const coordination = redisCoordination(redis)
 */
export const connectRedis = async (url: string, options: { readonly connectTimeoutMs?: number } = {}): Promise<RedisConnection> => {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_REDIS_CONNECT_TIMEOUT_MS
  const where = redisTarget(url)
  if (!/^rediss?:\/\//i.test(url) || where.startsWith('(')) throw new CoordinationError('network', 'the Redis URL must look like redis://host:port (or rediss:// for TLS)')
  let Redis: IORedis
  try {
    // A CommonJS module: its class is `Redis` (and the default) in either module system.
    const m = (await import('ioredis')) as unknown as { readonly Redis?: IORedis; readonly default?: { readonly Redis?: IORedis } }
    Redis = (m.Redis ?? m.default?.Redis)!
    if (typeof Redis !== 'function') throw new Error('no Redis class')
  } catch {
    throw new CoordinationError('network', 'Redis needs the ioredis package: npm install ioredis')
  }
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    // Closing does not keep the process alive for long (ioredis's default is 2 s).
    disconnectTimeout: 200,
  })
  // Failures reach the commands that meet them; the event itself is not worth a line on stderr.
  let lastError: unknown
  redis.on('error', (e) => (lastError = e))
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      redis.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
      }),
    ])
    return redis
  } catch (e) {
    redis.disconnect()
    const codeOf = (u: unknown) => (typeof u === 'object' && u !== null ? (u as { code?: unknown }).code : undefined)
    const code = [codeOf(e), codeOf(lastError)].find((c): c is string => typeof c === 'string' && /^E[A-Z]+$/.test(c))
    const why = code ?? (e instanceof Error && e.message === 'timeout' ? `no connection within ${timeoutMs} ms` : 'refused')
    throw new CoordinationError('network', `cannot reach Redis at ${where} (${why})`)
  } finally {
    clearTimeout(timer)
  }
}
