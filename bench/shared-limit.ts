/**
 * Several processes on one account sharing one limit through Redis: 4
 * worker processes × 250 Webshare creates against a fake limited to 6,000
 * requests a minute over a sliding 1 s window (100 in any second), 20 ms
 * added to every answer. Paced together through Redis (goal: wall time at
 * most 1.10 × N / rate, no 429), against 4 independent limiters at the same
 * limit each, in interleaved rounds. The Redis is PROXY_SUBUSERS_TEST_REDIS_URL
 * or PROXY_SUBUSERS_REDIS_URL, else a redis-server started here; without
 * one the lines are recorded as skipped, with the reason.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'
import type { CreateJob } from './create-worker'
import { interleaved } from './interleave'
import { startRemoteSandbox } from './remote-sandbox'
import { atMost, ratioAtMost, reportOnly, result, skippedResult, type BenchResult } from './result'
import { median } from './stats'
import { runWorkers } from './workers'

const WORKERS = 4
const EACH = 250
const N = WORKERS * EACH
const RATE_PER_MINUTE = 6_000
const LATENCY_MS = 20
const ROUNDS = 3
/** The wall-time goal: at most 10% over the bound N / rate. */
const MAX_RATIO = 1.1
const BOUND_MS = (N / RATE_PER_MINUTE) * 60_000
const LABEL = `${WORKERS} processes × ${EACH} creates sharing ${RATE_PER_MINUTE.toLocaleString('en-US')}/min`

interface Run {
  readonly ms: number
  readonly throttled: number
  readonly failed: number
}

/** A Redis to use: one given, or a redis-server of this run's own (stopped by `close`), or why there is none. */
const findRedis = async (): Promise<{ url: string; close(): Promise<void> } | { reason: string }> => {
  const given = process.env['PROXY_SUBUSERS_TEST_REDIS_URL'] || process.env['PROXY_SUBUSERS_REDIS_URL']
  if (given) return (await answers(given)) ? { url: given, close: async () => undefined } : { reason: `the Redis given does not answer` }
  if (spawnSync('redis-server', ['--version']).status !== 0) return { reason: 'no Redis: redis-server is not installed and no PROXY_SUBUSERS_REDIS_URL is set' }
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = s.address() as { port: number }
      s.close(() => resolve(p))
    })
  })
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const url = `redis://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const close = async () => {
    child.kill()
    await exited
  }
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) return { url, close }
    await new Promise((r) => setTimeout(r, 100))
  }
  await close()
  return { reason: 'the redis-server started here did not answer' }
}

const answers = async (url: string): Promise<boolean> => {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null, disconnectTimeout: 100 })
  redis.on('error', () => undefined)
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

let runs = 0
const run = (redisUrl: string | undefined) => async (): Promise<Run> => {
  const sandbox = await startRemoteSandbox({ webshare: { requestsPerMinute: RATE_PER_MINUTE, rateWindowMs: 1_000 }, faults: { webshare: { latencyMs: LATENCY_MS } } })
  try {
    const prefix = `bench:${process.pid}:${runs++}:`
    const jobs: CreateJob[] = Array.from({ length: WORKERS }, (_, w) => ({
      vendor: 'webshare',
      options: { ...sandbox.webshare, rateLimit: { requestsPerMinute: RATE_PER_MINUTE, concurrency: 8 } },
      names: Array.from({ length: EACH }, (_, i) => `w${w}-${i}`),
      ...(redisUrl === undefined ? {} : { redis: { url: redisUrl, prefix } }),
      library: 'built',
    }))
    const done = await runWorkers(jobs, 10 * 60_000)
    return { ms: done.wallMs, throttled: (await sandbox.stats()).webshare.rateLimited, failed: done.workers.reduce((n, w) => n + w.failed, 0) }
  } finally {
    await sandbox.close()
  }
}

/**
 * The shared limit's wall time against N / rate (goal ≤ 1.10), its 429s (goal 0) and failures (goal 0), and the independent limiters' figures (reported).
 * @example
 * const lines = await sharedLimit()
 */
export const sharedLimit = async (): Promise<BenchResult[]> => {
  const redis = await findRedis()
  if ('reason' in redis) {
    return [
      skippedResult(`${LABEL} through Redis: wall time vs N/rate`, ratioAtMost(MAX_RATIO).text, redis.reason),
      skippedResult(`${LABEL} through Redis: 429s received`, atMost(0, '429s').text, redis.reason),
    ]
  }
  try {
    const measured = await interleaved(ROUNDS, { shared: run(redis.url), independent: run(undefined) })
    const of = (side: keyof typeof measured, key: keyof Run) => median(measured[side].map((r) => r[key]))
    return [
      result(`${LABEL} through Redis: wall time vs N/rate`, of('shared', 'ms'), 'ms', ratioAtMost(MAX_RATIO), BOUND_MS),
      result(`${LABEL} through Redis: 429s received`, of('shared', 'throttled'), '429s', atMost(0, '429s')),
      result(`${LABEL} through Redis: failed creates`, of('shared', 'failed'), 'creates', atMost(0, 'creates')),
      result(`${LABEL}, 4 independent limiters: wall time`, of('independent', 'ms'), 'ms', reportOnly, BOUND_MS),
      result(`${LABEL}, 4 independent limiters: 429s received`, of('independent', 'throttled'), '429s', reportOnly),
      result(`${LABEL}, 4 independent limiters: failed creates`, of('independent', 'failed'), 'creates', reportOnly),
    ]
  } finally {
    await redis.close()
  }
}
