/**
 * One worker process of a run shared by several (the Redis benchmark and
 * tests): it builds a provider of the vendor it is told, paced on its own or
 * through Redis with the others, says `ready`, waits for `go` (so every
 * worker starts together), makes its creates all at once and reports how long
 * they took and how many failed. Forked with IPC, through tsx.
 */
import { Redis } from 'ioredis'
import { vendorById } from '../providers/vendors'
import type { SubUserProvider } from '../src/provider'
import { redisCoordination } from '../src/redis'

/**
 * What the parent sends first.
 * @example
 * const job: CreateJob = { vendor: 'webshare', options: { baseURL, apiKey, rateLimit: { requestsPerMinute: 6000 } }, names: ['w1-0'], redis: { url, prefix: 'bench:' } }
 */
export interface CreateJob {
  readonly vendor: string
  /** The provider's options (base URL, fake credentials, pacing). */
  readonly options: Readonly<Record<string, unknown>>
  /** The usernames to create. */
  readonly names: ReadonlyArray<string>
  /** Pace through this Redis, under this prefix; left out: alone. */
  readonly redis?: { readonly url: string; readonly prefix: string }
}

/**
 * Messages between parent and worker.
 * @example
 * worker.send({ type: 'go' } satisfies WorkerMessage)
 */
export type WorkerMessage =
  | { readonly type: 'job'; readonly job: CreateJob }
  | { readonly type: 'ready' }
  | { readonly type: 'go' }
  | { readonly type: 'done'; readonly ms: number; readonly failed: number; readonly errors: ReadonlyArray<string> }

const send = (m: WorkerMessage) => process.send?.(m)

const run = async (job: CreateJob) => {
  const vendor = vendorById(job.vendor)
  if (vendor === undefined) throw new Error(`no vendor ${job.vendor}`)
  const redis = job.redis === undefined ? undefined : new Redis(job.redis.url, { maxRetriesPerRequest: 1, disconnectTimeout: 200 })
  const coordination = redis === undefined ? undefined : redisCoordination(redis, { prefix: job.redis!.prefix })
  const provider = (vendor.provider as (o: object) => SubUserProvider)({ ...job.options, ...(coordination === undefined ? {} : { coordination }) })
  process.once('message', async (m: WorkerMessage) => {
    if (m.type !== 'go') return
    const started = performance.now()
    const outcomes = await Promise.all(job.names.map((username) => provider.create({ username })()))
    const ms = performance.now() - started
    const errors = outcomes.flatMap((o) => (o._tag === 'Left' ? [o.left.message] : []))
    send({ type: 'done', ms, failed: errors.length, errors: errors.slice(0, 3) })
    await redis?.quit()
    process.disconnect()
  })
  send({ type: 'ready' })
}

process.once('message', (m: WorkerMessage) => {
  if (m.type === 'job') void run(m.job)
})
