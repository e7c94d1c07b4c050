/**
 * `proxy-subusers/redis`: pacing and apply locks shared across processes
 * through Redis. Give every provider the same coordination (and `apply` too):
 * processes on one vendor account then keep one rate limit between them, and
 * only one apply writes to an account at a time. ioredis is an optional peer
 * dependency: this entry drives the client you give it, and loads ioredis
 * only in `connectRedis`.
 *
 * @example
 * import { Redis } from 'ioredis'
 * import { redisCoordination } from 'proxy-subusers/redis'
 * import { createWebshareProvider } from 'proxy-subusers/webshare'
 * const coordination = redisCoordination(new Redis(process.env.REDIS_URL!))
 * const webshare = createWebshareProvider({ apiKey: process.env.WEBSHARE_API_KEY!, coordination })
 *
 * @module proxy-subusers/redis
 */
export { DEFAULT_REDIS_COMMAND_TIMEOUT_MS, DEFAULT_REDIS_LOCK_TTL_MS, DEFAULT_REDIS_PREFIX, redisCoordination, type RedisCoordinationOptions } from './coordination'
export type { RedisClient } from './client'
export { DEFAULT_REDIS_CONNECT_TIMEOUT_MS, connectRedis, redisTarget, type RedisConnection } from './connect'
export { CoordinationError } from '../coordination/error'
export type { AccountLock, AccountLocks, Coordination, LockAttempt, PaceRule, SharedPacer } from '../coordination/types'
