/**
 * Webshare's types in the neutral domain: its extras on a sub-user and its create settings.
 */
import type { SettingsOf, SubUser, SubUserProvider, VendorExtras } from '../../src/adapter'

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
export interface WebshareExtras extends VendorExtras<'webshare'> {
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
 * The `vendor` block a Webshare provider reads: `vendor.webshare`, other providers' blocks beside it.
 * @example
 * const v: WebshareSettings = { webshare: { maxThreadCount: 50, proxyCountries: { US: 10 } } }
 */
export type WebshareSettings = SettingsOf<'webshare', WebshareCreateOptions>

/**
 * A Webshare sub-user: the neutral fields and Webshare's extras, typed.
 * @example
 * const u: WebshareSubUserOf = await toPromises(createWebshareProvider({ apiKey })).get('42')
 * u.vendor.numericId // 42
 */
export type WebshareSubUserOf = SubUser<'webshare', WebshareExtras>

/**
 * What `createWebshareProvider` returns: a provider whose sub-users carry {@link WebshareExtras}.
 * @example
 * const p: WebshareProvider = createWebshareProvider({ apiKey })
 */
export type WebshareProvider = SubUserProvider<'webshare', WebshareExtras, WebshareSettings>
