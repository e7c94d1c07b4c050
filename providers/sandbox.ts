/**
 * `proxy-subusers/sandbox`: local, stateful fakes of every vendor API the package ships, on
 * 127.0.0.1, for demos, tests and trying the CLI without an account.
 *
 * One server mounts each vendor's fake at the path its vendor module gives (Thordata's at
 * `/thordata/api`, Webshare's at `/webshare`, Oxylabs' at `/oxylabs`, IPRoyal's at `/iproyal`), and any extra fakes given in `fakes`;
 * `sandbox.<id>` holds what points that vendor's provider at its fake.
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
import type { CommonOptions } from '../src/http'
import type { SubUserProvider } from '../src/provider'
import type { StartedFake } from '../src/vendor'
import { VENDORS } from './vendors'

export { VENDORS } from './vendors'

export type { FaultOptions, VendorFaults } from '../src/sandbox/faults'
export type { MountStats } from '../src/sandbox/server'
export { IPROYAL_SANDBOX_API_TOKEN, IPROYAL_SANDBOX_MAIN_BALANCE_BYTES, type IPRoyalFakeControl, type IPRoyalFakeOptions, type IPRoyalFakeSubUser } from './iproyal/sandbox'
export { THORDATA_SANDBOX_KEY, THORDATA_SANDBOX_TOKEN, type ThordataFakeControl, type ThordataFakeOptions, type ThordataFakeUser } from './thordata/sandbox'
export { WEBSHARE_SANDBOX_API_KEY, type WebshareFakeControl, type WebshareFakeOptions, type WebshareFakeSubUser } from './webshare/sandbox'
export { OXYLABS_SANDBOX_PASSWORD, OXYLABS_SANDBOX_USERNAME, type OxylabsFakeControl, type OxylabsFakeOptions, type OxylabsFakeSubUser, type OxylabsStatsShape } from './oxylabs/sandbox'

/** A vendor the package ships (an entry of the vendor list). @example const v: Vendor = VENDORS[0] */
export type Vendor = (typeof VENDORS)[number]
/** The options a vendor's fake takes (`sandbox.<id>` options of {@link startSandbox}). @example type O = FakeOptionsOf<Vendor> */
export type FakeOptionsOf<V> = V extends { readonly sandbox: (options: infer O) => unknown } ? NonNullable<O> : never
/** What `sandbox.<id>` holds for a vendor: provider options that reach its fake, and its controls. @example type F = FieldsOf<Vendor> */
export type FieldsOf<V> = V extends { readonly sandbox: (options: never) => StartedFake<infer F> } ? F : never

/**
 * Options of {@link startSandbox}: the port, the faults, extra fakes, and each vendor's fake
 * options under its id.
 * @example
 * startSandbox({ port: 4010, faults: { seed: 1, webshare: { serverErrorRate: 0.1 } }, webshare: { requestsPerMinute: 600 } })
 */
export type SandboxOptions = {
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number
  readonly faults?: FaultOptions
  /**
   * More fakes to mount next to the package's own, such as a third-party adapter's (see
   * `proxy-subusers/adapter`): each at its `mount` path, with faults and stats under its `name`.
   */
  readonly fakes?: ReadonlyArray<Mount>
} & { readonly [V in Vendor as V['id']]?: FakeOptionsOf<V> }

/**
 * A running sandbox. `sandbox.<id>` fits that vendor's provider options as it is (base URL and
 * fake credentials), with the fake's controls.
 * @example
 * createThordataProvider(sandbox.thordata)
 */
export type Sandbox = {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /**
   * The base URL of a fake mounted by name (a vendor's id, or a name given in `fakes`).
   * @example
   * createDeviceHiveProvider({ baseURL: sandbox.baseURLOf('devicehive'), login, password })
   */
  baseURLOf(name: string): string
  /** Replaces the injected faults. */
  setFaults(faults: FaultOptions): void
  /** Requests, injected faults and rate-limited answers, per mount name. */
  stats(): { readonly [V in Vendor as V['id']]: MountStats } & { readonly [name: string]: MountStats }
  /** Stops the server and drops open connections. */
  close(): Promise<void>
} & { readonly [V in Vendor as V['id']]: FieldsOf<V> }

/**
 * Starts every vendor's fake (and any extra `fakes`) on one loopback port, each with fresh state.
 * @example
 * const sandbox = await startSandbox({ faults: { seed: 42, thordata: { resetRate: 0.1 } } })
 */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const started = VENDORS.map((vendor) => {
    const own = (options as Readonly<Record<string, object | undefined>>)[vendor.id]
    return [vendor.id, (vendor.sandbox as (o: object | undefined) => ReturnType<Vendor['sandbox']>)(own)] as const
  })
  const mounts: ReadonlyArray<Mount> = [...started.map(([name, fake]) => ({ name, ...fake.mount })), ...(options.fakes ?? [])]
  const server = await startFakeServer(mounts, { port: options.port, faults: options.faults })
  const baseURLOf = (name: string): string => {
    const mount = mounts.find((m) => m.name === name)
    if (mount === undefined) throw new Error(`no fake named ${name} is mounted`)
    return `${server.url}${mount.mount}`
  }
  const fields = Object.fromEntries(started.map(([name, fake]) => [name, fake.fields(baseURLOf(name))]))
  return {
    ...fields,
    url: server.url,
    baseURLOf,
    setFaults: (f: FaultOptions) => server.setFaults(f),
    stats: () => server.stats(),
    close: () => server.close(),
  } as Sandbox
}

/**
 * What `sandbox.<id>` holds for a vendor id (base URL, fake credentials, controls), as plain
 * data for code that works from the vendor list; empty for an id the sandbox does not serve.
 * @example
 * sandboxFields(sandbox, 'webshare').apiKey // the fake API key
 */
export const sandboxFields = (sandbox: Sandbox, id: string): Readonly<Record<string, unknown>> =>
  (sandbox as unknown as Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>)[id] ?? {}

/**
 * A provider of every vendor the package ships, pointed at a running sandbox, in the order of
 * the vendor list; `options` (such as `{ rateLimit: false }`) go to each.
 * @example
 * const sandbox = await startSandbox()
 * for (const p of sandboxProviders(sandbox, { rateLimit: false })) console.log(p.id, (await p.list()()))
 */
export const sandboxProviders = (sandbox: Sandbox, options: CommonOptions = {}): ReadonlyArray<SubUserProvider> =>
  VENDORS.map((vendor) => {
    return (vendor.provider as (o: object) => SubUserProvider)({ ...sandboxFields(sandbox, vendor.id), ...options })
  })
