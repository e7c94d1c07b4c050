/**
 * The global options (`-p, --provider`, `-o, --output`, `--json`,
 * `--no-color`, `--sandbox`, `--redis`, `--proxy-type`), declared once on the
 * root command and checked together.
 */
import { Option, type Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { VENDORS } from '../providers/vendors'
import type { ProviderId } from '../src/domain'
import { usageFailure, type CliFailure } from './failure'
import { OUTPUT_FORMATS, type OutputFormat } from './output'
import { flagAttribute, flagName } from './vendor-flags'

/**
 * The provider ids the CLI accepts, in the order it handles them.
 * @example
 * PROVIDERS // ['thordata', 'webshare']
 */

/** Words as a sentence offers a choice: `a, b or c`. */
const alternatives = (words: ReadonlyArray<string>): string =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`

export const PROVIDERS: ReadonlyArray<ProviderId> = VENDORS.map((v) => v.id)

/** Each vendor's own provider flags (such as `--proxy-type`), with the vendor they belong to. */
const VENDOR_FLAGS = VENDORS.flatMap((v) => v.flags.provider.map((flag) => ({ vendor: v.id, flag, attribute: flagAttribute(flag) })))
/** Each global option's key in commander's values, and its flag. */
const GLOBAL_FLAGS: ReadonlyArray<readonly [key: string, flag: string]> = [
  ['provider', '--provider'],
  ['output', '--output'],
  ['json', '--json'],
  ['sandbox', '--sandbox'],
  ['redis', '--redis'],
  ...VENDOR_FLAGS.map(({ attribute, flag }) => [attribute, flagName(flag)] as const),
]

/**
 * The global options of a vendor command, checked.
 * @example
 * const g: Globals = { provider: 'thordata', output: 'json', color: true, sandbox: false, vendorOptions: { thordata: { proxyType: 'mobile' } } }
 */
export interface Globals {
  readonly provider: ProviderId
  /** `-o`; `--json` is `json`. */
  readonly output: OutputFormat
  /** False with `--no-color`. */
  readonly color: boolean
  readonly sandbox: boolean
  /** `--redis <url>`: pacing and apply locks shared through this Redis (else `PROXY_SUBUSERS_REDIS_URL`). */
  readonly redis?: string
  /** Provider options given by vendors' own flags (`--proxy-type` → `{ thordata: { proxyType } }`). */
  readonly vendorOptions: Readonly<Record<ProviderId, Readonly<Record<string, unknown>>>>
}

/** Declares every vendor's own provider flags, each saying which vendor it applies to. */
const addVendorFlags = (program: Command): Command =>
  VENDOR_FLAGS.reduce((p, { vendor, flag }) => {
    const title = VENDORS.find((v) => v.id === vendor)?.title ?? vendor
    const option = new Option(flag.flags, `${title}: ${flag.description}`)
    return p.addOption(flag.choices === undefined ? option : option.choices(flag.choices))
  }, program)

/**
 * Declares the global options on the root command.
 * @example
 * addGlobalOptions(new Command('proxy-subusers'))
 */
export const addGlobalOptions = (program: Command): Command =>
  addVendorFlags(
    program
      .addOption(new Option('-p, --provider <id>', 'the vendor (required, except for sandbox and completion)').choices(PROVIDERS))
      .addOption(new Option('-o, --output <format>', 'output format: table for people, json or yaml for scripts (default: table)').choices(OUTPUT_FORMATS))
      .option('--json', 'same as -o json: JSON on stdout and nothing else there; a failure as one JSON object on stderr')
      .option('--no-color', 'no colour, even on a terminal (NO_COLOR=1 does the same)')
      .option('--sandbox', 'run against a fresh built-in sandbox instead of the vendor')
      .option('--redis <url>', 'share pacing and apply locks with other processes through this Redis (or PROXY_SUBUSERS_REDIS_URL)'),
  )

/**
 * Global options where `--provider` is optional.
 * @example
 * const g: ManifestGlobals = { output: 'table', color: true, sandbox: true }
 */
export type ManifestGlobals = Omit<Globals, 'provider'> & { readonly provider?: ProviderId }

/**
 * The global options of a manifest command (`plan`, `apply`, `migrate`):
 * `--provider` is optional there and narrows the command to one provider.
 * @example
 * readManifestGlobals({ json: true }) // Right({ output: 'json', color: true, sandbox: false })
 * readManifestGlobals({ json: true, output: 'yaml' }) // Left(usage: --json and -o yaml disagree: give one)
 */
export const readManifestGlobals = (options: Readonly<Record<string, unknown>>): E.Either<CliFailure, ManifestGlobals> => {
  const provider = PROVIDERS.find((p) => p === options['provider'])
  const vendorOptions: Record<ProviderId, Record<string, unknown>> = {}
  for (const { vendor, flag, attribute } of VENDOR_FLAGS) {
    const value = options[attribute]
    if (value === undefined) continue
    if (provider !== undefined && provider !== vendor) return E.left(usageFailure(`${flagName(flag)} applies to ${vendor} only`))
    let read: unknown = value
    if (flag.parse !== undefined && typeof value === 'string') {
      const parsed = flag.parse(value)
      if (!parsed.ok) return E.left(usageFailure(`${flagName(flag)}: ${parsed.message}`))
      read = parsed.value
    }
    vendorOptions[vendor] = { ...vendorOptions[vendor], [flag.key]: read }
  }
  const chosen = OUTPUT_FORMATS.find((f) => f === options['output'])
  if (options['json'] === true && chosen !== undefined && chosen !== 'json') return E.left(usageFailure(`--json and -o ${chosen} disagree: give one`))
  return E.right({
    output: options['json'] === true ? 'json' : (chosen ?? 'table'),
    color: options['color'] !== false,
    sandbox: options['sandbox'] === true,
    ...(typeof options['redis'] === 'string' ? { redis: options['redis'] } : {}),
    ...(provider === undefined ? {} : { provider }),
    vendorOptions,
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
      provider === undefined ? E.left(usageFailure(`--provider is required (${alternatives(PROVIDERS)})`)) : E.right({ ...rest, provider }),
    ),
  )

/**
 * Refuses the global options of vendor commands, for commands that take none (`sandbox`).
 * @example
 * refuseGlobals('sandbox', { json: true }) // Left(usage: the sandbox command takes no --json)
 * refuseGlobals('sandbox', { color: false }) // Right(undefined): --no-color is welcome everywhere
 */
export const refuseGlobals = (command: string, options: Readonly<Record<string, unknown>>): E.Either<CliFailure, void> => {
  const given = GLOBAL_FLAGS.filter(([key]) => options[key] !== undefined).map(([, flag]) => flag)
  return given.length === 0 ? E.right(undefined) : E.left(usageFailure(`the ${command} command takes no ${given.join(', ')}`))
}

/**
 * The output format an argument list asks for, read without commander: used
 * to report in the right form a failure commander found before any option
 * was parsed (an unknown option, a bad value). Stops at `--`.
 * @example
 * formatInArgv(['list', '-o', 'yaml']) // 'yaml'
 * formatInArgv(['list', '--json', '--bogus']) // 'json'
 */
export const formatInArgv = (argv: ReadonlyArray<string>): OutputFormat => {
  let format: OutputFormat = 'table'
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--json') format = 'json'
    const value = arg === '-o' || arg === '--output' ? argv[i + 1] : /^(?:-o=?|--output=)(.+)$/.exec(arg)?.[1]
    const known = OUTPUT_FORMATS.find((f) => f === value)
    if (known !== undefined) format = known
  }
  return format
}
