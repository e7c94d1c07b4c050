/**
 * The sub-user options of `create` and `update`, declared once, and turned
 * into a {@link CreateSubUser} or {@link UpdateSubUser} holding only what was given.
 */
import { Option, type Command } from 'commander'
import * as E from 'fp-ts/Either'
import type { WebshareCreateOptions } from '../providers/webshare/domain'
import type { CreateSubUser, ProviderId, SubUserStatus, UpdateSubUser } from '../src/domain'
import { countriesArgument, sizeArgument, wholeNumberArgument } from './arguments'
import { usageFailure, type CliFailure } from './failure'

/**
 * The values commander parsed for the sub-user options.
 * @example
 * const o: SubUserOptions = { username: 'alice001', limit: { bytes: 524288000 }, passwordEnv: 'ALICE_PASSWORD' }
 */
export interface SubUserOptions {
  readonly username?: string
  readonly passwordEnv?: string
  readonly status?: SubUserStatus
  /** Bytes; null = unlimited. */
  readonly limit?: { readonly bytes: number | null }
  readonly maxThreads?: number
  /** null = no custom proxy list. */
  readonly countries?: { readonly proxyCountries: Readonly<Record<string, number>> | null }
}

/**
 * Declares the sub-user options on `create` (username required) or `update` (all optional).
 * @example
 * addSubUserOptions(program.command('create'), 'create')
 */
export const addSubUserOptions = (command: Command, mode: 'create' | 'update'): Command => {
  const username = new Option('--username <name>', mode === 'create' ? 'the username (Webshare: the label)' : 'rename the sub-user')
  return command
    .addOption(mode === 'create' ? username.makeOptionMandatory() : username)
    .option('--password-env <VAR>', 'read the password from this environment variable (Thordata)')
    .addOption(new Option('--status <status>', 'active or disabled (Webshare: active only)').choices(['active', 'disabled']))
    .option('--limit <size>', 'traffic limit: bytes, a size such as 500MiB or 10GiB, or unlimited', sizeArgument)
    .option('--max-threads <n>', 'concurrency cap (Webshare only)', wholeNumberArgument)
    .option('--countries <list>', 'custom proxy list, e.g. US=10,ZZ=5, or none (Webshare only)', countriesArgument)
}

/**
 * The patch the options describe. Webshare-only options given for Thordata, or
 * a `--password-env` variable that is not set, are usage failures.
 * @example
 * readPatch({ limit: { bytes: null } }, 'thordata', {}) // Right({ trafficLimitBytes: null })
 * readPatch({ maxThreads: 5 }, 'thordata', {}) // Left(usage: --max-threads applies to webshare only)
 */
export const readPatch = (
  options: SubUserOptions,
  provider: ProviderId,
  env: Readonly<Record<string, string | undefined>>,
): E.Either<CliFailure, UpdateSubUser> => {
  const webshareOnly = [
    options.maxThreads === undefined ? undefined : '--max-threads',
    options.countries === undefined ? undefined : '--countries',
  ].filter((flag): flag is string => flag !== undefined)
  if (provider !== 'webshare' && webshareOnly.length > 0) {
    return E.left(usageFailure(`${webshareOnly.join(' and ')} ${webshareOnly.length > 1 ? 'apply' : 'applies'} to webshare only`))
  }
  const variable = options.passwordEnv
  const password = variable === undefined ? undefined : env[variable]
  if (variable !== undefined && (password === undefined || password === '')) {
    return E.left(usageFailure(`${variable} is not set (named by --password-env)`))
  }
  const webshare: WebshareCreateOptions = {
    ...(options.maxThreads === undefined ? {} : { maxThreadCount: options.maxThreads }),
    ...(options.countries === undefined ? {} : { proxyCountries: options.countries.proxyCountries }),
  }
  return E.right({
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(password === undefined ? {} : { password }),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.limit === undefined ? {} : { trafficLimitBytes: options.limit.bytes }),
    ...(webshareOnly.length === 0 ? {} : { vendor: { webshare } }),
  })
}

/**
 * The create input the options describe (`--username` is mandatory on `create`).
 * @example
 * readCreate({ username: 'alice001', limit: { bytes: 524288000 } }, 'thordata', {}) // Right({ username: 'alice001', trafficLimitBytes: 524288000 })
 */
export const readCreate = (
  options: SubUserOptions,
  provider: ProviderId,
  env: Readonly<Record<string, string | undefined>>,
): E.Either<CliFailure, CreateSubUser> =>
  E.flatMap(readPatch(options, provider, env), (patch) =>
    patch.username === undefined ? E.left(usageFailure('--username is required')) : E.right({ ...patch, username: patch.username }),
  )
