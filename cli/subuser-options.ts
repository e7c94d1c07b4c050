/**
 * The sub-user options of `create` and `update`, declared once, and turned
 * into a {@link CreateSubUser} or {@link UpdateSubUser} holding only what was given.
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import * as E from 'fp-ts/Either'
import { VENDORS } from '../providers/vendors'
import type { CreateSubUser, ProviderId, SubUserStatus, UpdateSubUser } from '../src/domain'
import type { CliFlag } from '../src/vendor'
import { sizeArgument } from './arguments'
import { usageFailure, type CliFailure } from './failure'
import { flagAttribute, flagName } from './vendor-flags'

/**
 * The values commander parsed for the sub-user options; a vendor's own setting flags come under
 * their attribute names (`--max-threads` → `maxThreads`).
 * @example
 * const o: SubUserOptions = { username: 'alice001', limit: { bytes: 524288000 }, passwordEnv: 'ALICE_PASSWORD' }
 */
export interface SubUserOptions {
  readonly username?: string
  readonly passwordEnv?: string
  readonly status?: SubUserStatus
  /** Bytes; null = unlimited. */
  readonly limit?: { readonly bytes: number | null }
  readonly [vendorFlag: string]: unknown
}

/** Every vendor's own setting flags (such as Webshare's `--max-threads`), with their vendor. */
const SETTING_FLAGS = VENDORS.flatMap((v) => v.flags.settings.map((flag) => ({ vendor: v, flag, attribute: flagAttribute(flag) })))

/**
 * The option that gave each vendor setting, by its path in an input (`vendor.webshare.maxThreadCount` → `--max-threads`).
 * @example
 * SETTING_FLAG_NAMES['vendor.webshare.maxThreadCount'] // '--max-threads'
 */
export const SETTING_FLAG_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  SETTING_FLAGS.map(({ vendor, flag }) => [`vendor.${vendor.id}.${flag.key}`, flagName(flag)]),
)

/** A vendor flag's reader in commander's shape: a null value comes wrapped (commander turns a parser's null into ''). */
const commanderParser = (flag: CliFlag) => (text: string) => {
  if (flag.parse === undefined) return { value: text }
  const parsed = flag.parse(text)
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message)
  return { value: parsed.value }
}

/**
 * Declares the sub-user options on `create` (username required) or `update` (all optional),
 * with every vendor's own setting flags.
 * @example
 * addSubUserOptions(program.command('create'), 'create')
 */
export const addSubUserOptions = (command: Command, mode: 'create' | 'update'): Command => {
  const username = new Option('--username <name>', mode === 'create' ? 'the username (Webshare: the label)' : 'rename the sub-user')
  const base = command
    .addOption(mode === 'create' ? username.makeOptionMandatory() : username)
    .option('--password-env <VAR>', 'read the password from this environment variable (where the vendor takes one)')
    .addOption(new Option('--status <status>', 'active or disabled (where the vendor can disable)').choices(['active', 'disabled']))
    .option('--limit <size>', 'traffic limit: bytes, a size such as 500MiB or 10GiB, or unlimited', sizeArgument)
  return SETTING_FLAGS.reduce(
    (c, { vendor, flag }) => c.addOption(new Option(flag.flags, `${flag.description} (${vendor.title} only)`).argParser(commanderParser(flag))),
    base,
  )
}

/**
 * The patch the options describe. Another vendor's setting flags, or a `--password-env`
 * variable that is not set, are usage failures.
 * @example
 * readPatch({ limit: { bytes: null } }, 'thordata', {}) // Right({ trafficLimitBytes: null })
 * readPatch({ maxThreads: { value: 5 } }, 'thordata', {}) // Left(usage: --max-threads applies to webshare only)
 */
export const readPatch = (
  options: SubUserOptions,
  provider: ProviderId,
  env: Readonly<Record<string, string | undefined>>,
): E.Either<CliFailure, UpdateSubUser> => {
  const given = SETTING_FLAGS.filter(({ attribute }) => options[attribute] !== undefined)
  const foreign = given.filter(({ vendor }) => vendor.id !== provider)
  if (foreign.length > 0) {
    const flags = foreign.map(({ flag }) => flagName(flag)).join(' and ')
    const owners = [...new Set(foreign.map(({ vendor }) => vendor.id))].join(', ')
    return E.left(usageFailure(`${flags} ${foreign.length > 1 ? 'apply' : 'applies'} to ${owners} only`))
  }
  const variable = options.passwordEnv
  const password = variable === undefined ? undefined : env[variable]
  if (variable !== undefined && (password === undefined || password === '')) {
    return E.left(usageFailure(`${variable} is not set (named by --password-env)`))
  }
  const settings = Object.fromEntries(given.map(({ flag, attribute }) => [flag.key, (options[attribute] as { readonly value: unknown }).value]))
  return E.right({
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(password === undefined ? {} : { password }),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.limit === undefined ? {} : { trafficLimitBytes: options.limit.bytes }),
    ...(given.length === 0 ? {} : { vendor: { [provider]: settings } }),
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
