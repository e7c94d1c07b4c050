/**
 * The global options (`--provider`, `--json`, `--sandbox`, `--proxy-type`),
 * declared once on the root command and checked together.
 */
import { Option, type Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { ThordataProxyType } from '../providers/thordata/domain'
import type { ProviderId } from '../src/domain'
import { usageFailure, type CliFailure } from './failure'

/**
 * The provider ids the CLI accepts, in the order it handles them.
 * @example
 * PROVIDERS // ['thordata', 'webshare']
 */
export const PROVIDERS: ReadonlyArray<ProviderId> = ['thordata', 'webshare']
const PROXY_TYPES: ReadonlyArray<ThordataProxyType> = ['residential', 'unlimited', 'mobile']
/** Each global option's key in commander's values, and its flag. */
const GLOBAL_FLAGS: ReadonlyArray<readonly [key: string, flag: string]> = [
  ['provider', '--provider'],
  ['json', '--json'],
  ['sandbox', '--sandbox'],
  ['proxyType', '--proxy-type'],
]

/**
 * The global options of a vendor command, checked.
 * @example
 * const g: Globals = { provider: 'thordata', json: true, sandbox: false, proxyType: 'mobile' }
 */
export interface Globals {
  readonly provider: ProviderId
  readonly json: boolean
  readonly sandbox: boolean
  /** Thordata only; left out = the adapter's default (residential). */
  readonly proxyType?: ThordataProxyType
}

/**
 * Declares the global options on the root command.
 * @example
 * addGlobalOptions(new Command('proxy-subusers'))
 */
export const addGlobalOptions = (program: Command): Command =>
  program
    .addOption(new Option('--provider <id>', 'the vendor (required, except for sandbox)').choices(PROVIDERS))
    .option('--json', 'print JSON on stdout, and nothing else there')
    .option('--sandbox', 'run against a fresh built-in sandbox instead of the vendor')
    .addOption(new Option('--proxy-type <type>', 'Thordata product (default residential)').choices(PROXY_TYPES))

/**
 * Global options where `--provider` is optional.
 * @example
 * const g: ManifestGlobals = { json: false, sandbox: true }
 */
export type ManifestGlobals = Omit<Globals, 'provider'> & { readonly provider?: ProviderId }

/**
 * The global options of a manifest command (`plan`, `apply`, `migrate`):
 * `--provider` is optional there and narrows the command to one provider.
 * @example
 * readManifestGlobals({ json: true }) // Right({ json: true, sandbox: false })
 */
export const readManifestGlobals = (options: Readonly<Record<string, unknown>>): E.Either<CliFailure, ManifestGlobals> => {
  const provider = PROVIDERS.find((p) => p === options['provider'])
  const proxyType = PROXY_TYPES.find((t) => t === options['proxyType'])
  if (proxyType !== undefined && provider === 'webshare') return E.left(usageFailure('--proxy-type applies to thordata only'))
  return E.right({
    json: options['json'] === true,
    sandbox: options['sandbox'] === true,
    ...(provider === undefined ? {} : { provider }),
    ...(proxyType === undefined ? {} : { proxyType }),
  })
}

/**
 * Checks the global options a vendor command was given (`command.optsWithGlobals()`).
 * @example
 * readGlobals({ provider: 'webshare', proxyType: 'mobile' }) // Left(usage: --proxy-type applies to thordata only)
 */
export const readGlobals = (options: Readonly<Record<string, unknown>>): E.Either<CliFailure, Globals> =>
  pipe(
    readManifestGlobals(options),
    E.flatMap(({ provider, ...rest }) =>
      provider === undefined ? E.left(usageFailure('--provider is required (thordata or webshare)')) : E.right({ ...rest, provider }),
    ),
  )

/**
 * Refuses the global options of vendor commands, for commands that take none (`sandbox`).
 * @example
 * refuseGlobals('sandbox', { json: true }) // Left(usage: the sandbox command takes no --json)
 */
export const refuseGlobals = (command: string, options: Readonly<Record<string, unknown>>): E.Either<CliFailure, void> => {
  const given = GLOBAL_FLAGS.filter(([key]) => options[key] !== undefined).map(([, flag]) => flag)
  return given.length === 0 ? E.right(undefined) : E.left(usageFailure(`the ${command} command takes no ${given.join(', ')}`))
}
