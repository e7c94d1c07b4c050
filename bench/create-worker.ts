/**
 * One worker process of a run shared by several (the Redis benchmark and
 * tests): it builds a provider of the vendor it is told, paced on its own or
 * through Redis with the others, says `ready`, waits for `go` (so every
 * worker starts together), makes its creates all at once and reports how long
 * they took and how many failed. Forked with IPC, through tsx; the library it runs is the built
 * package (the benchmark) or the sources (tests), as the job says.
 */
import { Redis } from 'ioredis'
import type { SubUserProvider } from '../src/provider'
import type { redisCoordination } from '../src/redis'
import { built } from './built'

/**
 * What the parent sends first.
 * @example
 * const job: CreateJob = { vendor: 'webshare', options: { baseURL, apiKey, rateLimit: { requestsPerMinute: 6000 } }, names: ['w1-0'], redis: { url, prefix: 'bench:' }, library: 'built' }
 */
export interface CreateJob {
  readonly vendor: string
  /** The provider's options (base URL, fake credentials, pacing). */
  readonly options: Readonly<Record<string, unknown>>
  /** The usernames to create. */
  readonly names: ReadonlyArray<string>
  /** Pace through this Redis, under this prefix; left out: alone. */
  readonly redis?: { readonly url: string; readonly prefix: string }
  /** The library to run: the built package in `dist/` (as users run it: the benchmark) or the sources (tests). */
  readonly library: 'built' | 'source'
}

type ProviderFactory = (options: object) => SubUserProvider

/** The vendor's provider factory and the Redis coordination, from the library the job names. */
const libraryOf = (job: CreateJob): { factory: ProviderFactory | undefined; coordinate: typeof redisCoordination } => {
  if (job.library === 'built') {
    const b = built()
    const factories: Readonly<Record<string, ProviderFactory>> = {
      thordata: b.thordata.createThordataProvider as ProviderFactory,
      webshare: b.webshare.createWebshareProvider as ProviderFactory,
      oxylabs: b.oxylabs.createOxylabsProvider as ProviderFactory,
      iproyal: b.iproyal.createIPRoyalProvider as ProviderFactory,
    }
    return { factory: factories[job.vendor], coordinate: b.redis.redisCoordination }
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { vendorById } = require('../providers/vendors') as typeof import('../providers/vendors')
  const { redisCoordination: coordinate } = require('../src/redis') as typeof import('../src/redis')
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { factory: vendorById(job.vendor)?.provider as ProviderFactory | undefined, coordinate }
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
  const { factory, coordinate } = libraryOf(job)
  if (factory === undefined) throw new Error(`no vendor ${job.vendor}`)
  const redis = job.redis === undefined ? undefined : new Redis(job.redis.url, { maxRetriesPerRequest: 1, disconnectTimeout: 200 })
  const coordination = redis === undefined ? undefined : coordinate(redis, { prefix: job.redis!.prefix })
  const provider = factory({ ...job.options, ...(coordination === undefined ? {} : { coordination }) })
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
