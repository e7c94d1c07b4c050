/**
 * What a vendor module provides: everything the package's CLI, sandbox and manifests know about
 * one vendor, in one object (the spirit of libcloud's driver classes and unstorage's driver
 * definitions). `providers/<id>/vendor.ts` defines one per vendor, and one list in
 * `providers/vendors.ts` names the vendors the package ships: adding a vendor is one folder and
 * one line there. Nothing here names a vendor.
 *
 * A vendor's own entry (`proxy-subusers/<id>`) never imports its vendor module, so an app that
 * creates providers loads neither the sandbox fakes nor another vendor.
 */
import type * as t from 'io-ts'
import type { Capabilities } from './capabilities'
import type { ProviderId } from './domain'
import type { SubUserProvider } from './provider'
import type { Mount } from './sandbox/server'

/**
 * One environment variable the CLI reads for a provider option.
 * @example
 * const v: EnvVariable = { name: 'WEBSHARE_API_KEY', option: 'apiKey', required: true, secret: true, description: 'the API key' }
 */
export interface EnvVariable {
  /** The variable, e.g. `WEBSHARE_API_KEY`. */
  readonly name: string
  /** The provider option it sets, e.g. `apiKey`. */
  readonly option: string
  /** A missing required variable stops the command, naming it. */
  readonly required?: boolean
  /** A credential: never printed, scrubbed from output. */
  readonly secret?: boolean
  /** What it holds, for `--help`. */
  readonly description: string
}

/**
 * A command-line flag a vendor adds: a provider option (`--proxy-type`) or a sub-user setting
 * on `create` and `update` (`--max-threads`), with how its text is read.
 * @example
 * const f: CliFlag = { flags: '--max-threads <n>', description: 'concurrency cap', key: 'maxThreadCount', parse: wholeNumber }
 */
export interface CliFlag {
  /** As commander writes it, e.g. `--max-threads <n>`. */
  readonly flags: string
  readonly description: string
  /** The provider option or the setting (a key of `vendor.<id>`) it sets. */
  readonly key: string
  /** Allowed values, when there is a fixed set. */
  readonly choices?: ReadonlyArray<string>
  /** Reads the text; a message (a sentence) when it is not valid. */
  readonly parse?: (text: string) => { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string }
}

/**
 * A vendor's fake, started for one sandbox: what to mount, and the provider options that point
 * at it once mounted (credentials included; fake ones).
 * @example
 * const started = vendor.sandbox(options); started.fields('http://127.0.0.1:4010/webshare')
 */
export interface StartedFake<Fields extends object = object> {
  readonly mount: Omit<Mount, 'name'>
  /** What `sandbox.<id>` holds: provider options (base URL, fake credentials) and the fake's controls. */
  fields(baseURL: string): Fields
}

/**
 * A vendor module, as `providers/<id>/vendor.ts` defines it with {@link defineVendor}.
 * @example
 * export const webshareVendor = defineVendor({ id: 'webshare', title: 'Webshare', capabilities, environment, flags, settings, provider, sandbox })
 */
export interface VendorModule<
  Id extends ProviderId = ProviderId,
  Options extends object = object,
  FakeOptions extends object = object,
  Fields extends object = object,
  Settings extends object = object,
> {
  /** The provider id: in manifests, in `--provider`, in `SubUser.provider`. */
  readonly id: Id
  /** The vendor's name as people write it, for help and messages. */
  readonly title: string
  readonly capabilities: Capabilities
  /** The CLI's environment variables for this vendor, one per provider option. */
  readonly environment: ReadonlyArray<EnvVariable>
  /** The CLI's flags for this vendor: provider options, and sub-user settings on create and update. */
  readonly flags: { readonly provider: ReadonlyArray<CliFlag>; readonly settings: ReadonlyArray<CliFlag> }
  /**
   * The vendor's own settings in a manifest entry (`vendor.<id>`): the keys it takes, and the
   * codec that decodes them, as written there, to the provider's settings (and encodes them
   * back when a manifest is written: dates as ISO strings).
   */
  readonly settings: { readonly keys: ReadonlyArray<string>; readonly codec: t.Type<Settings, object, unknown> }
  /** The adapter's factory (the one its entry exports). */
  readonly provider: (options: Options) => SubUserProvider<Id>
  /** Creates this vendor's sandbox fake, fresh state each time. */
  readonly sandbox: (options: FakeOptions | undefined) => StartedFake<Fields>
}

/**
 * Declares a vendor module (an identity function that checks its shape and keeps its types).
 * @example
 * export const thordataVendor = defineVendor({ id: 'thordata', title: 'Thordata', ... })
 */
export const defineVendor = <Id extends ProviderId, Options extends object, FakeOptions extends object, Fields extends object, Settings extends object>(
  vendor: VendorModule<Id, Options, FakeOptions, Fields, Settings>,
): VendorModule<Id, Options, FakeOptions, Fields, Settings> => vendor
