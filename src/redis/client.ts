/**
 * The Redis commands coordination sends, each bounded by a timeout of its
 * own whatever the client's settings (an offline queue, endless retries), and
 * each failure a CoordinationError naming Redis, with no URL or password.
 */
import { CoordinationError } from '../coordination/error'
import { redact } from '../secret'
import type { Script } from './scripts'

/**
 * What coordination needs of a Redis client: running scripts. An ioredis
 * `Redis` or `Cluster` instance has it as it is.
 * @example
 * const client: RedisClient = new Redis(process.env.REDIS_URL)
 */
export interface RedisClient {
  evalsha(sha1: string, numkeys: number, ...args: Array<string | number>): Promise<unknown>
  eval(script: string, numkeys: number, ...args: Array<string | number>): Promise<unknown>
}

/**
 * Runs a script on one key, under the timeout; the script is sent again in
 * full when the server does not know it (NOSCRIPT: a restart, a flush).
 * @example
 * const run = scriptRunner(redis, 2_000); await run(RESERVE, key, [257.5, 60_000], 'a pacing slot')
 */
export const scriptRunner = (redis: RedisClient, timeoutMs: number) => {
  const secrets = clientSecrets(redis)
  return async (script: Script, key: string, args: ReadonlyArray<string | number>, what: string): Promise<unknown> => {
    const send = async (): Promise<unknown> => {
      try {
        return await redis.evalsha(script.sha, 1, key, ...args)
      } catch (e) {
        if (!/NOSCRIPT/.test(messageOf(e))) throw e
        return redis.eval(script.source, 1, key, ...args)
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CoordinationError('network', `Redis did not answer within ${timeoutMs} ms (${what})`)), timeoutMs)
    })
    try {
      return await Promise.race([send(), timeout])
    } catch (e) {
      if (CoordinationError.is(e)) throw e
      throw new CoordinationError('network', `Redis failed (${what}): ${redact(reasonOf(e), secrets)}`)
    } finally {
      clearTimeout(timer)
    }
  }
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'string' ? e : '')

/** A short reason: the system error code when there is one, else the first line of the message, cut. */
const reasonOf = (e: unknown): string => {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `unreachable (${code})`
  const text = messageOf(e).split('\n')[0]?.trim() ?? ''
  return text === '' ? 'no reason given' : text.slice(0, 200)
}

/** The client's own password (ioredis keeps it in `options`), kept out of every message. */
const clientSecrets = (redis: RedisClient): ReadonlyArray<string> => {
  const password = (redis as { options?: { password?: unknown } }).options?.password
  return typeof password === 'string' && password !== '' ? [password] : []
}
