/**
 * `proxy-subusers/sandbox`: local, stateful fakes of both vendor APIs on
 * 127.0.0.1, for demos, tests and trying the CLI without an account.
 *
 * One server mounts Thordata's fake at `/thordata/api` and Webshare's at
 * `/webshare`; the base URLs it returns go straight into the providers.
 *
 * @example
 * import { startSandbox } from 'proxy-subusers/sandbox'
 * import { createWebshareProvider } from 'proxy-subusers/webshare'
 * const sandbox = await startSandbox()
 * const p = createWebshareProvider(sandbox.webshare) // baseURL and apiKey
 * await sandbox.close()
 *
 * @module proxy-subusers/sandbox
 */
import type { FaultOptions } from '../src/sandbox/faults'
import { startFakeServer, type Mount, type MountStats } from '../src/sandbox/server'
import { createThordataFake, isThordataThrottled, type ThordataFakeControl, type ThordataFakeOptions } from './thordata/sandbox'
import { createWebshareFake, type WebshareFakeControl, type WebshareFakeOptions } from './webshare/sandbox'

export type { FaultOptions, VendorFaults } from '../src/sandbox/faults'
export type { MountStats } from '../src/sandbox/server'
export { THORDATA_SANDBOX_KEY, THORDATA_SANDBOX_TOKEN, type ThordataFakeControl, type ThordataFakeOptions, type ThordataFakeUser } from './thordata/sandbox'
export { WEBSHARE_SANDBOX_API_KEY, type WebshareFakeControl, type WebshareFakeOptions, type WebshareFakeSubUser } from './webshare/sandbox'

/**
 * Options of {@link startSandbox}.
 * @example
 * startSandbox({ port: 4010, faults: { seed: 1, webshare: { serverErrorRate: 0.1 } }, webshare: { requestsPerMinute: 600 } })
 */
export interface SandboxOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number
  readonly faults?: FaultOptions
  readonly thordata?: ThordataFakeOptions
  readonly webshare?: WebshareFakeOptions
  /**
   * More fakes to mount next to the package's own, such as a third-party adapter's (see
   * `proxy-subusers/adapter`): each at its `mount` path, with faults and stats under its `name`.
   */
  readonly fakes?: ReadonlyArray<Mount>
}

/**
 * A running sandbox. `thordata` and `webshare` fit the providers' options as they are.
 * @example
 * createThordataProvider(sandbox.thordata)
 */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly thordata: { readonly baseURL: string; readonly token: string; readonly key: string; readonly control: ThordataFakeControl }
  readonly webshare: { readonly baseURL: string; readonly apiKey: string; readonly control: WebshareFakeControl }
  /**
   * The base URL of a fake mounted by name (one given in `fakes`, or `thordata`, `webshare`).
   * @example
   * createDeviceHiveProvider({ baseURL: sandbox.baseURLOf('devicehive'), login, password })
   */
  baseURLOf(name: string): string
  /** Replaces the injected faults. */
  setFaults(faults: FaultOptions): void
  /** Requests, injected faults and rate-limited answers, per vendor. */
  stats(): { readonly thordata: MountStats; readonly webshare: MountStats; readonly [name: string]: MountStats }
  /** Stops the server and drops open connections. */
  close(): Promise<void>
}

const THORDATA_MOUNT = '/thordata/api'
const WEBSHARE_MOUNT = '/webshare'

/**
 * Starts both fakes on one loopback port, each with fresh state.
 * @example
 * const sandbox = await startSandbox({ faults: { seed: 42, thordata: { resetRate: 0.1 } } })
 */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const thordata = createThordataFake(options.thordata)
  const webshare = createWebshareFake(options.webshare)
  const mounts: ReadonlyArray<Mount> = [
    { name: 'thordata', mount: THORDATA_MOUNT, fake: thordata, isThrottled: isThordataThrottled },
    { name: 'webshare', mount: WEBSHARE_MOUNT, fake: webshare },
    ...(options.fakes ?? []),
  ]
  const server = await startFakeServer(mounts, { port: options.port, faults: options.faults })
  return {
    url: server.url,
    thordata: { baseURL: `${server.url}${THORDATA_MOUNT}`, token: thordata.token, key: thordata.key, control: thordata.control },
    webshare: { baseURL: `${server.url}${WEBSHARE_MOUNT}`, apiKey: webshare.apiKey, control: webshare.control },
    baseURLOf: (name) => {
      const mount = mounts.find((m) => m.name === name)
      if (mount === undefined) throw new Error(`no fake named ${name} is mounted`)
      return `${server.url}${mount.mount}`
    },
    setFaults: (f) => server.setFaults(f),
    stats: () => server.stats() as ReturnType<Sandbox['stats']>,
    close: () => server.close(),
  }
}
