/**
 * The Lua scripts that keep the shared state in Redis. Each runs atomically
 * on the server and reads the time from Redis (`TIME`), so the processes'
 * own clocks never enter the schedule.
 *
 * Schedule (a hash per account): `next`, the next free start (Redis time, ms);
 * `spacing`, the spacing now; `slowed`, when it last doubled. Lock (a string
 * per account): the holder's token, with a time to live.
 */
import { createHash } from 'node:crypto'

/**
 * A script and its SHA-1 (for EVALSHA).
 * @example
 * const s: Script = script('return 1')
 */
export interface Script {
  readonly source: string
  readonly sha: string
}

const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') })

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
`

/**
 * Reserves the next start. KEYS[1] the schedule; ARGV spacing (ms), key TTL
 * (ms). Returns { ms from now to the start, spacing now }, as strings.
 * @example
 * await redis.evalsha(RESERVE.sha, 1, key, 257.5, 60000) // ['0.000', '257.500']
 */
export const RESERVE = script(`${NOW}local base = tonumber(ARGV[1])
local s = redis.call('HMGET', KEYS[1], 'next', 'spacing')
local spacing = math.max(tonumber(s[2]) or base, base)
local slot = math.max(tonumber(s[1]) or now, now)
redis.call('HSET', KEYS[1], 'next', string.format('%.3f', slot + spacing), 'spacing', string.format('%.3f', spacing))
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return { string.format('%.3f', slot - now), string.format('%.3f', spacing) }`)

/**
 * "Too many": doubles the spacing, once per burst (not again within one
 * spacing of the last doubling), up to the widest, and moves the next start
 * at least one spacing away. KEYS[1] the schedule; ARGV spacing, widest
 * spacing, key TTL. Returns 1 when it doubled, 0 when the burst was counted already.
 * @example
 * await redis.evalsha(SLOW_DOWN.sha, 1, key, 257.5, 2060, 60000) // 1
 */
export const SLOW_DOWN = script(`${NOW}local base = tonumber(ARGV[1])
local s = redis.call('HMGET', KEYS[1], 'next', 'spacing', 'slowed')
local spacing = math.max(tonumber(s[2]) or base, base)
local slowed = tonumber(s[3])
if slowed ~= nil and now - slowed < spacing then return 0 end
spacing = math.min(spacing * 2, tonumber(ARGV[2]))
local nxt = math.max(tonumber(s[1]) or now, now + spacing)
redis.call('HSET', KEYS[1], 'next', string.format('%.3f', nxt), 'spacing', string.format('%.3f', spacing), 'slowed', string.format('%.3f', now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`)

/**
 * A call went through: the spacing recovers toward the limit's own. KEYS[1]
 * the schedule; ARGV spacing, recovery factor. Returns the spacing now.
 * @example
 * await redis.evalsha(RECOVER.sha, 1, key, 257.5, 0.9) // '463.500'
 */
export const RECOVER = script(`local base = tonumber(ARGV[1])
local spacing = tonumber(redis.call('HGET', KEYS[1], 'spacing'))
if spacing == nil then return string.format('%.3f', base) end
spacing = math.max(base, spacing * tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'spacing', string.format('%.3f', spacing))
return string.format('%.3f', spacing)`)

/**
 * Takes the lock if it is free. KEYS[1] the lock; ARGV token, TTL (ms).
 * Returns { 1, '' } when taken, { 0, holder's token } when held.
 * @example
 * await redis.evalsha(LOCK.sha, 1, key, token, 15000) // [1, '']
 */
export const LOCK = script(`if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return { 1, '' } end
return { 0, redis.call('GET', KEYS[1]) or '' }`)

/**
 * Renews the lock if this token still holds it. KEYS[1] the lock; ARGV
 * token, TTL (ms). Returns 1 when renewed, 0 when the lock is gone or another's.
 * @example
 * await redis.evalsha(RENEW.sha, 1, key, token, 15000) // 1
 */
export const RENEW = script(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)

/**
 * Lets go of the lock if this token holds it. KEYS[1] the lock; ARGV token.
 * @example
 * await redis.evalsha(UNLOCK.sha, 1, key, token) // 1
 */
export const UNLOCK = script(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)
