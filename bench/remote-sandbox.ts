/**
 * Starts a sandbox in a child process (`sandbox-process.ts`) and talks to it
 * over IPC: its base URLs and fake credentials, its request counters, and close.
 */
import { fork } from 'node:child_process'
import { join } from 'node:path'
import type { FaultOptions, MountStats } from '../providers/sandbox'

/**
 * What the child sandbox runs with: the fakes' options (data only), faults,
 * and how many sub-users each fake holds from the start.
 * @example
 * const o: SandboxProcessOptions = { webshare: { requestsPerMinute: 1e9 }, seed: { webshare: 100_000 } }
 */
export interface SandboxProcessOptions {
  readonly webshare?: { readonly requestsPerMinute?: number; readonly rateWindowMs?: number }
  readonly thordata?: { readonly userLimit?: number }
  readonly oxylabs?: { readonly maxSubUsers?: number }
  readonly iproyal?: { readonly mainBalanceBytes?: number; readonly perPageCap?: number }
  readonly faults?: FaultOptions
  /** Sub-users created in each fake before it serves (Oxylabs also lists its main user, not counted here). */
  readonly seed?: { readonly webshare?: number; readonly thordata?: number; readonly oxylabs?: number; readonly iproyal?: number }
}

/** Requests per vendor as the child counts them. @example stats.webshare.rateLimited // 0 */
export type SandboxStats = Readonly<Record<'thordata' | 'webshare' | 'oxylabs' | 'iproyal', MountStats>>

/**
 * Messages from the parent. @example child.send({ type: 'stats' })
 */
export type ParentMessage = { readonly type: 'start'; readonly options: SandboxProcessOptions } | { readonly type: 'stats' } | { readonly type: 'close' }

/**
 * Messages from the child. @example { type: 'stats', stats }
 */
export type ChildMessage =
  | ({ readonly type: 'ready' } & Pick<RemoteSandbox, 'thordata' | 'webshare' | 'oxylabs' | 'iproyal'>)
  | { readonly type: 'stats'; readonly stats: SandboxStats }

/**
 * A running sandbox in another process; `thordata`, `webshare`, `oxylabs` and `iproyal` fit the providers' options.
 * @example
 * const sandbox = await startRemoteSandbox({ seed: { webshare: 200 } })
 * createWebshareProvider({ ...sandbox.webshare, rateLimit: false })
 * await sandbox.close()
 */
export interface RemoteSandbox {
  readonly thordata: { readonly baseURL: string; readonly token: string; readonly key: string }
  readonly webshare: { readonly baseURL: string; readonly apiKey: string }
  /** `baseURL` ends in `/v2`; the main proxy user's credentials. */
  readonly oxylabs: { readonly baseURL: string; readonly username: string; readonly password: string }
  readonly iproyal: { readonly baseURL: string; readonly apiToken: string }
  stats(): Promise<SandboxStats>
  close(): Promise<void>
}

/**
 * Forks the sandbox process (through tsx) and waits until it listens.
 * @example
 * const sandbox = await startRemoteSandbox({ webshare: { requestsPerMinute: 6_000, rateWindowMs: 1_000 }, faults: { webshare: { latencyMs: 20 } } })
 */
export const startRemoteSandbox = (options: SandboxProcessOptions): Promise<RemoteSandbox> => {
  const child = fork(join(__dirname, 'sandbox-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const next = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type !== type) return
        child.off('message', onMessage)
        child.off('exit', reject)
        resolve(m as Extract<ChildMessage, { type: T }>)
      }
      child.on('message', onMessage)
      child.once('exit', reject)
    })
  const ready = next('ready')
  child.send({ type: 'start', options } satisfies ParentMessage)
  return ready.then((m) => ({
    thordata: m.thordata,
    webshare: m.webshare,
    oxylabs: m.oxylabs,
    iproyal: m.iproyal,
    stats: () => {
      const answer = next('stats')
      child.send({ type: 'stats' } satisfies ParentMessage)
      return answer.then((s) => s.stats)
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.send({ type: 'close' } satisfies ParentMessage)
      }),
  }))
}
