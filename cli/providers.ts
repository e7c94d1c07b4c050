/**
 * Builds the provider a vendor command talks to: from the environment
 * (credentials, base URLs), or from a fresh in-process sandbox (`--sandbox`).
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { sandboxFields, startSandbox, type Sandbox } from '../providers/sandbox'
import { VENDORS, vendorById } from '../providers/vendors'
import type { ProviderId } from '../src/domain'
import { SubUserError } from '../src/errors'
import type { SubUserProvider } from '../src/provider'
import type { RateLimitOptions } from '../src/rate-limit'
import type { AccountLocks } from '../src/coordination/types'
import { openCoordination, REDIS_URL_VARIABLE, type CliCoordination } from './coordination'
import { EXIT_FAILURE, failureFrom, usageFailure, type CliFailure } from './failure'
import type { Globals } from './globals'
import { flagName } from './vendor-flags'

/**
 * What a provider is built from: the vendor and the options of its factory (credentials,
 * where it points, pacing, and the vendor's own flags such as `--proxy-type`).
 * @example
 * const t: Target = { provider: 'webshare', options: { apiKey: 'fake-key', baseURL: 'http://127.0.0.1:4010/webshare' } }
 */
export interface Target {
  readonly provider: ProviderId
  readonly options: Readonly<Record<string, unknown>>
}

/**
 * A provider ready for one command, and how to let go of what it needs.
 * @example
 * const { provider, close } = connection; await close()
 */
export interface Connection {
  readonly provider: SubUserProvider
  close(): Promise<void>
}

type Env = Readonly<Record<string, string | undefined>>

/** A variable's value; an empty one counts as not set. */
const read = (env: Env, name: string): string | undefined => {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

const missing = (name: string): CliFailure => usageFailure(`${name} is not set (export it, or try --sandbox)`)

/**
 * The variable that tunes client-side pacing for every provider: `off`, or
 * requests per minute. Unset: each vendor's default.
 * @example
 * RATE_LIMIT_VARIABLE // 'PROXY_SUBUSERS_RATE_LIMIT'
 */
export const RATE_LIMIT_VARIABLE = 'PROXY_SUBUSERS_RATE_LIMIT'

/**
 * Every environment variable that holds a credential, of every vendor (for redaction).
 * @example
 * SECRET_VARIABLES.includes('WEBSHARE_API_KEY') // true
 */
export const SECRET_VARIABLES: ReadonlyArray<string> = VENDORS.flatMap((v) => v.environment.filter((e) => e.secret === true).map((e) => e.name))

const rateLimitFromEnv = (env: Env): E.Either<CliFailure, { rateLimit?: RateLimitOptions }> => {
  const value = read(env, RATE_LIMIT_VARIABLE)
  if (value === undefined) return E.right({})
  if (value === 'off') return E.right({ rateLimit: false })
  const perMinute = Number(value)
  return Number.isFinite(perMinute) && perMinute > 0
    ? E.right({ rateLimit: { requestsPerMinute: perMinute } })
    : E.left(usageFailure(`${RATE_LIMIT_VARIABLE} must be 'off' or a number of requests per minute`))
}

const vendorOf = (provider: ProviderId) => {
  const vendor = vendorById(provider)
  if (vendor === undefined) throw new Error(`no vendor module for ${provider}`)
  return vendor
}

/**
 * Reads a provider's target from the environment, as its vendor module names the variables; a
 * missing required one is a usage failure naming it.
 * @example
 * targetFromEnv('thordata', { THORDATA_TOKEN: 'fake-token' }) // Right({ provider: 'thordata', options: { token: 'fake-token' } })
 * targetFromEnv('webshare', {}) // Left(usage: WEBSHARE_API_KEY is not set ...)
 */
export const targetFromEnv = (provider: ProviderId, env: Env): E.Either<CliFailure, Target> => {
  const pacing = rateLimitFromEnv(env)
  if (E.isLeft(pacing)) return pacing
  const options: Record<string, unknown> = {}
  for (const variable of vendorOf(provider).environment) {
    const value = read(env, variable.name)
    if (value === undefined && variable.required === true) return E.left(missing(variable.name))
    if (value !== undefined) options[variable.option] = value
  }
  return E.right({ provider, options: { ...options, ...pacing.right } })
}

/**
 * A provider's target inside a running sandbox (the fields its vendor module gives). The
 * built-in sandbox does not throttle unless asked, so client-side pacing is off there.
 * @example
 * targetFromSandbox('webshare', sandbox) // { provider: 'webshare', options: { baseURL: ..., apiKey: ..., rateLimit: false } }
 */
export const targetFromSandbox = (provider: ProviderId, sandbox: Sandbox): Target => {
  const fields = sandboxFields(sandbox, provider)
  const options = Object.fromEntries(vendorOf(provider).environment.flatMap((v) => (fields[v.option] === undefined ? [] : [[v.option, fields[v.option]]])))
  return { provider, options: { ...options, rateLimit: false } }
}

/**
 * Builds the provider of a target, with the vendor's own flags given on the command line. An
 * option the adapter refuses is a usage failure that names the variable or flag it came from.
 * @example
 * buildProvider({ provider: 'webshare', options: { apiKey: 'fake-key', planId: 'x' } }, globals) // Left(usage: WEBSHARE_PLAN_ID must be a positive whole number)
 */
export const buildProvider = (target: Target, globals: Pick<Globals, 'vendorOptions'>): E.Either<CliFailure, SubUserProvider> => {
  const vendor = vendorOf(target.provider)
  const create = vendor.provider as (options: object) => SubUserProvider
  return E.tryCatch(
    () => create({ ...target.options, ...(globals.vendorOptions[target.provider] ?? {}) }),
    (e) => optionFailure(target.provider, e),
  )
}

const optionFailure = (provider: ProviderId, e: unknown): CliFailure => {
  if (!SubUserError.is(e) || e.fields === undefined) return failureFrom(e)
  const vendor = vendorOf(provider)
  const names = new Map<string, string>([
    ...vendor.environment.map((v) => [v.option, v.name] as const),
    ...vendor.flags.provider.map((f) => [f.key, flagName(f)] as const),
  ])
  return usageFailure(e.fields.map((f) => `${names.get(f.path) ?? f.path} ${f.message}`).join('; '))
}

/**
 * Starts a sandbox on 127.0.0.1 (`port` 0 or left out: any free port); a
 * failure (e.g. the port is taken) exits 1.
 * @example
 * const sandbox = await startLocalSandbox(4010)()
 */
export const startLocalSandbox = (port?: number): TE.TaskEither<CliFailure, Sandbox> =>
  TE.tryCatch(
    () => startSandbox(port === undefined ? {} : { port }),
    (e): CliFailure => ({ exitCode: EXIT_FAILURE, message: `could not start the sandbox: ${failureFrom(e).message}` }),
  )

/**
 * Providers ready for a manifest command, and how to let go of what they need.
 * @example
 * const { providers, close } = connections; providers.get('thordata')
 */
export interface Connections {
  readonly providers: ReadonlyMap<ProviderId, SubUserProvider>
  /** Where apply locks are kept: Redis with `--redis`, else lock files on this machine. */
  readonly locks: AccountLocks
  close(): Promise<void>
}

/**
 * Connects one or more providers: to the vendors named by the environment, or
 * with `--sandbox` to one fresh sandbox serving them all, which `close` stops.
 * With `--redis` (or `PROXY_SUBUSERS_REDIS_URL`) every provider paces with
 * the other processes on its account through that Redis, and `close` closes it.
 * @example
 * const c = await connectAll(['thordata', 'webshare'], { sandbox: true }, {})()
 */
export const connectAll = (
  ids: ReadonlyArray<ProviderId>,
  globals: Pick<Globals, 'sandbox' | 'vendorOptions' | 'redis'>,
  env: Env,
): TE.TaskEither<CliFailure, Connections> => {
  const build = (target: (id: ProviderId) => E.Either<CliFailure, Target>, shared: CliCoordination) =>
    pipe(
      ids,
      E.traverseArray((id) =>
        pipe(
          target(id),
          E.map((t) => (shared.coordination === undefined ? t : { ...t, options: { ...t.options, coordination: shared.coordination } })),
          E.flatMap((t) => buildProvider(t, globals)),
          E.map((provider) => [id, provider] as const),
        ),
      ),
      E.map((pairs) => new Map(pairs)),
    )
  const connectTo = (shared: CliCoordination): TE.TaskEither<CliFailure, Connections> => {
    if (!globals.sandbox) {
      return pipe(
        TE.fromEither(build((id) => targetFromEnv(id, env), shared)),
        TE.map((providers) => ({ providers, locks: shared.locks, close: () => shared.close() })),
      )
    }
    return pipe(
      startLocalSandbox(),
      TE.flatMap((sandbox) =>
        pipe(
          build((id) => E.right(targetFromSandbox(id, sandbox)), shared),
          E.match(
            (failure): TE.TaskEither<CliFailure, Connections> =>
              pipe(
                TE.fromTask(() => sandbox.close()),
                TE.flatMap(() => TE.left(failure)),
              ),
            (providers) => TE.right({ providers, locks: shared.locks, close: () => sandbox.close().then(() => shared.close()) }),
          ),
        ),
      ),
    )
  }
  return pipe(
    openCoordination(globals.redis ?? read(env, REDIS_URL_VARIABLE), env),
    TE.flatMap((shared) =>
      pipe(
        connectTo(shared),
        TE.orElse((failure): TE.TaskEither<CliFailure, Connections> =>
          pipe(
            TE.fromTask(() => shared.close()),
            TE.flatMap(() => TE.left(failure)),
          ),
        ),
      ),
    ),
  )
}

/**
 * Connects a vendor command: to the vendor named by the environment, or with
 * `--sandbox` to a fresh sandbox that `close` stops.
 * @example
 * const c = await connect({ provider: 'thordata', json: false, sandbox: true }, {})()
 */
export const connect = (globals: Globals, env: Env): TE.TaskEither<CliFailure, Connection> =>
  pipe(
    connectAll([globals.provider], globals, env),
    TE.map(({ providers, close }) => ({ provider: providers.get(globals.provider)!, close })),
  )
