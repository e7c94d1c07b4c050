/**
 * Shared set-up of the tests against a real Redis: the URL `.ci/run` exports
 * (PROXY_SUBUSERS_TEST_REDIS_URL; without it these tests are skipped, and the
 * summary reporter says so in one line), a key prefix of each test's own, and
 * a Redis server of a test's own that it may kill.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'

/** The Redis the tests use, or undefined. */
export const REDIS_URL = process.env['PROXY_SUBUSERS_TEST_REDIS_URL'] || undefined

/** `describe` when a Redis URL is given, `describe.skip` otherwise. */
export const describeRedis = REDIS_URL === undefined ? describe.skip : describe

let counter = 0
/** A key prefix no other test (or run) shares. */
export const uniquePrefix = (): string => `test:${process.pid}:${Date.now()}:${counter++}:`

/** A client of the test Redis, failing fast (one retry per command). */
export const testClient = (url = REDIS_URL!): Redis => {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000, disconnectTimeout: 100 })
  redis.on('error', () => undefined)
  return redis
}

/** A loopback port nothing listens on (as the OS handed it out, then closed). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** Whether `redis-server` can be started here (for the tests that kill their own). */
export const hasRedisServer = (): boolean => spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0

/** A redis-server of the test's own on a free loopback port, no persistence; `kill` ends it at once (SIGKILL). */
export interface OwnRedis {
  readonly url: string
  kill(): Promise<void>
}

/** Starts a redis-server of the test's own and waits (at most 5 s) until it answers. */
export const startOwnRedis = async (): Promise<OwnRedis> => {
  const port = await freePort()
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const url = `redis://127.0.0.1:${port}`
  const probe = testClient(url)
  try {
    const started = Date.now()
    for (;;) {
      if ((await probe.ping().catch(() => '')) === 'PONG') break
      if (Date.now() - started > 5_000) throw new Error('redis-server did not start')
      await new Promise((r) => setTimeout(r, 50))
    }
  } finally {
    probe.disconnect()
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    url,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
