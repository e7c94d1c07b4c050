/**
 * Provider-neutral domain types. Nothing here knows a vendor's wire format; the
 * vendor extras below are typed, camel-cased views that each adapter fills in
 * field by field from its own decoded payload.
 */
import type { Secret } from './secret'

/**
 * The vendors this package speaks to.
 * @example
 * const id: ProviderId = 'webshare'
 */
export type ProviderId = 'thordata' | 'webshare'

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
export type Operation = 'create' | 'get' | 'update' | 'delete' | 'list' | 'refresh'

/**
 * Thordata's proxy product, chosen once per provider.
 * @example
 * createThordataProvider({ token, proxyType: 'mobile' })
 */
export type ThordataProxyType = 'residential' | 'unlimited' | 'mobile'

/**
 * What Thordata tells about a sub-user beyond the neutral fields.
 * @example
 * if (user.vendor.provider === 'thordata') console.log(user.vendor.gatewayUsername)
 */
export interface ThordataExtras {
  readonly provider: 'thordata'
  /** The product namespace the sub-user lives in. */
  readonly proxyType: ThordataProxyType
  /** The login to use on Thordata's gateway: `td-customer-<username>`. */
  readonly gatewayUsername: string
}

/**
 * Usage counters Webshare reports for a sub-user; each is null when absent.
 * @example
 * const failed = user.vendor.provider === 'webshare' ? user.vendor.stats.requestsFailed : null
 */
export interface WebshareStats {
  readonly requestsTotal: number | null
  readonly requestsSuccessful: number | null
  readonly requestsFailed: number | null
  readonly bandwidthProjectedBytes: number | null
  readonly numberOfProxiesUsed: number | null
  readonly lastRequestSentAt: Date | null
}

/**
 * What Webshare tells about a sub-user beyond the neutral fields.
 * @example
 * if (user.vendor.provider === 'webshare') console.log(user.vendor.proxyCountries)
 */
export interface WebshareExtras {
  readonly provider: 'webshare'
  /** Webshare's numeric id (the neutral `id` is its decimal string). */
  readonly numericId: number
  /** Concurrency cap; null when Webshare did not report one. */
  readonly maxThreadCount: number | null
  /** ISO country code (`ZZ` = any) to number of proxies; null = no custom proxy list. */
  readonly proxyCountries: Readonly<Record<string, number>> | null
  readonly bandwidthUseStartDate: Date | null
  readonly bandwidthUseEndDate: Date | null
  readonly updatedAt: Date | null
  readonly stats: WebshareStats
}

/**
 * Thordata-only create and update settings. Thordata has none today (the proxy
 * type is chosen when the provider is created); the slot exists so that the
 * shape of {@link CreateSubUser} is the same for every vendor.
 * @example
 * const opts: ThordataCreateOptions = {}
 */
export type ThordataCreateOptions = Readonly<Record<string, never>>

/**
 * Webshare-only create and update settings. A key left out is not sent;
 * `proxyCountries: null` removes the custom proxy list.
 * @example
 * const opts: WebshareCreateOptions = { maxThreadCount: 50, proxyCountries: { US: 10 } }
 */
export interface WebshareCreateOptions {
  readonly maxThreadCount?: number
  readonly proxyCountries?: Readonly<Record<string, number>> | null
  readonly bandwidthUseStartDate?: Date
}

/**
 * A proxy sub-user, the same shape on every vendor.
 * @example
 * const user: SubUser = await p.get('alice001')
 * console.log(user.username, user.trafficLimitBytes ?? 'unlimited')
 */
export interface SubUser {
  readonly provider: ProviderId
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
  readonly vendor: ThordataExtras | WebshareExtras
}

/**
 * What to create. Fields a vendor cannot honour are refused as `unsupported`
 * before anything is sent (see `provider.capabilities`).
 * @example
 * const input: CreateSubUser = { username: 'alice001', trafficLimitBytes: mib(500) }
 */
export interface CreateSubUser {
  readonly username: string
  readonly password?: string
  /** Default `'active'`. */
  readonly status?: SubUserStatus
  /** Default null (unlimited). */
  readonly trafficLimitBytes?: number | null
  readonly vendor?: {
    readonly thordata?: ThordataCreateOptions
    readonly webshare?: WebshareCreateOptions
  }
}

/**
 * A partial update: a field left out stays as it is; `null` means "set to unlimited / none".
 * @example
 * const patch: UpdateSubUser = { trafficLimitBytes: null } // make unlimited, keep the rest
 */
export type UpdateSubUser = Partial<CreateSubUser>
