/**
 * Provider-neutral domain types. Nothing here knows a vendor: each vendor's extras and
 * settings are declared in its own folder (typed, camel-cased views that its adapter fills in
 * field by field from its own decoded payload) and reach these types as parameters.
 */
import type { Secret } from './secret'

/**
 * A provider's id: the package's vendors (`'thordata'`, `'webshare'`, ...) and any id a
 * third-party adapter declares. Each provider's own types carry its id as a literal type
 * (`SubUser<'webshare', WebshareExtras>`), so code narrows on it.
 * @example
 * const id: ProviderId = 'webshare'
 */
export type ProviderId = string

/**
 * What every provider's extras have: the provider's id, to narrow `user.vendor` on.
 * @example
 * const extras: VendorExtras = { provider: 'devicehive' }
 */
export interface VendorExtras<Id extends ProviderId = ProviderId> {
  readonly provider: Id
}

/**
 * Whether a sub-user may use its proxies.
 * @example
 * const s: SubUserStatus = 'disabled'
 */
export type SubUserStatus = 'active' | 'disabled'

/**
 * The operations a provider performs; every {@link SubUserError} names one.
 * `iterate` reports its failures as `list`.
 * @example
 * const op: Operation = 'update'
 */
export type Operation = 'create' | 'get' | 'update' | 'delete' | 'list' | 'refresh' | 'access' | 'usage'

/**
 * A proxy sub-user, the same shape on every vendor. `Id` and `Extras` are those of the provider
 * that returned it: a provider made by `createWebshareProvider` returns
 * `SubUser<'webshare', WebshareExtras>`, and a union of several providers' sub-users narrows on
 * `provider`. Left out, they are any provider's (`vendor` then has only its `provider`).
 * @example
 * const user = await toPromises(createWebshareProvider({ apiKey })).get('42')
 * console.log(user.username, user.vendor.numericId) // typed WebshareExtras
 * const any: SubUser = user
 */
export interface SubUser<Id extends ProviderId = ProviderId, Extras extends VendorExtras<Id> = VendorExtras<Id>> {
  readonly provider: Id
  /** Opaque; pass it back unchanged to get/update/delete/refresh. */
  readonly id: string
  /** Thordata: username · Webshare: label. */
  readonly username: string
  readonly status: SubUserStatus
  /** null = unlimited. */
  readonly trafficLimitBytes: number | null
  /** null = the vendor reported no usage. */
  readonly trafficUsedBytes: number | null
  readonly createdAt: Date | null
  /** null where the vendor keeps no password on the sub-user. */
  readonly password: Secret | null
  /** The provider's own extras, typed by the provider; never the raw payload. */
  readonly vendor: Extras
}

/**
 * What to create. Fields a vendor cannot honour are refused as `unsupported`
 * before anything is sent (see `provider.capabilities`). `vendor` holds each provider's own
 * settings under its id; a provider reads its own and ignores the others', so one input can
 * carry several. `Settings` types them for one provider (`CreateSubUser<WebshareSettings>`
 * types `vendor.webshare` for a Webshare provider).
 * @example
 * const input: CreateSubUser = { username: 'alice001', trafficLimitBytes: mib(500) }
 */
export interface CreateSubUser<Settings extends VendorSettings = VendorSettings> {
  readonly username: string
  readonly password?: string
  /** Default `'active'`. */
  readonly status?: SubUserStatus
  /** Default null (unlimited). */
  readonly trafficLimitBytes?: number | null
  readonly vendor?: Settings
}

/**
 * The `vendor` block of a create input: settings per provider id.
 * @example
 * const v: VendorSettings = { webshare: { maxThreadCount: 50 } }
 */
export type VendorSettings = { readonly [id: ProviderId]: object | undefined }

/**
 * A provider's typed slot in {@link VendorSettings}: `SettingsOf<'webshare', WebshareCreateOptions>`
 * is `{ webshare?: WebshareCreateOptions }`, other providers' blocks allowed beside it.
 * @example
 * const v: SettingsOf<'webshare', WebshareCreateOptions> = { webshare: { maxThreadCount: 50 } }
 */
export type SettingsOf<Id extends ProviderId, S extends object> = VendorSettings & { readonly [K in Id]?: S }

/**
 * A partial update: a field left out stays as it is; `null` means "set to unlimited / none".
 * @example
 * const patch: UpdateSubUser = { trafficLimitBytes: null } // make unlimited, keep the rest
 */
export type UpdateSubUser<Settings extends VendorSettings = VendorSettings> = Partial<CreateSubUser<Settings>>

/**
 * A protocol a proxy endpoint speaks.
 * @example
 * const p: ProxyProtocol = 'socks5'
 */
export type ProxyProtocol = 'http' | 'https' | 'socks5'

/**
 * What a customer wants from the proxy: each vendor writes these in its own login syntax
 * (Thordata `-country-us`, an option appended to the password on others). Left out, the
 * vendor's defaults: any country, a rotating IP, the vendor's usual protocols.
 * `provider.capabilities.access` says which of them a provider honours.
 * @example
 * const t: AccessTarget = { country: 'US', session: { id: 'abc123', minutes: 10 }, protocol: 'http' }
 */
export interface AccessTarget {
  /** ISO 3166-1 alpha-2, either case (`'US'`, `'de'`). */
  readonly country?: string
  /** A sticky IP: the same `id` keeps the same exit IP, for `minutes` where the vendor lets it be chosen. Absent: rotating. */
  readonly session?: { readonly id: string; readonly minutes?: number }
  /** Only endpoints of this protocol. */
  readonly protocol?: ProxyProtocol
}

/**
 * One place to connect to.
 * @example
 * const e: ProxyEndpoint = { protocol: 'http', host: 't.pr.thordata.net', port: 9999 }
 */
export interface ProxyEndpoint {
  readonly protocol: ProxyProtocol
  readonly host: string
  readonly port: number
}

/**
 * What a customer connects with: the endpoints, and the gateway login with the target's
 * options written in the vendor's syntax.
 * @example
 * const a = await toPromises(createThordataProvider({ token })).access('alice001', { country: 'us' })
 * a.username          // 'td-customer-alice001-country-us'
 * a.url?.reveal()     // 'http://td-customer-alice001-country-us:Pw12345a@t.pr.thordata.net:9999'
 */
export interface ProxyAccess<Id extends ProviderId = ProviderId> {
  readonly provider: Id
  readonly subUserId: string
  /** Every place to connect to, the first the one `url` names. */
  readonly endpoints: ReadonlyArray<ProxyEndpoint>
  /** The gateway login, options included (e.g. `td-customer-alice001-country-us`). */
  readonly username: string
  /** The gateway password, options included where the vendor puts them there; null where the vendor cannot show it. */
  readonly password: Secret | null
  /** `protocol://login:password@host:port` for the first endpoint (both percent-encoded); null without a password. */
  readonly url: Secret | null
}

/**
 * The days `usage` reports: `from` to `to`, both `YYYY-MM-DD` (UTC) and both included.
 * @example
 * const r: UsageRange = { from: '2025-03-01', to: '2025-03-31' }
 */
export interface UsageRange {
  readonly from: string
  readonly to: string
}

/**
 * The traffic of one UTC day, in bytes.
 * @example
 * const d: DailyUsage = { date: '2025-03-02', bytes: 1_048_576 }
 */
export interface DailyUsage {
  /** `YYYY-MM-DD`, UTC. */
  readonly date: string
  readonly bytes: number
}
