/**
 * Oxylabs' types in the neutral domain: its extras on a sub-user and its create settings.
 */
import type { SettingsOf, SubUser, SubUserProvider, VendorExtras } from '../../src/adapter'

/**
 * What Oxylabs tells about a sub-user beyond the neutral fields.
 * @example
 * if (user.vendor.provider === 'oxylabs' && user.vendor.isMainUser) console.log('the main proxy user')
 */
export interface OxylabsExtras extends VendorExtras<'oxylabs'> {
  /** `auto_disable`: disabled by Oxylabs when the limit is reached; null when not reported. */
  readonly autoDisable: boolean | null
  /** `lifetime`: an unlimited subscription period, without recurring traffic resets; null when not reported. */
  readonly lifetime: boolean | null
  /** The main proxy user (the one the provider logs in as): it cannot be deleted or disabled here. */
  readonly isMainUser: boolean
  /**
   * The sub-user left the list after this update disabled it, so the values returned are the
   * ones read before the update with the sent ones applied: `trafficUsedBytes` is then as it
   * was before the update, not re-read.
   */
  readonly usageStale: boolean
}

/**
 * Oxylabs-only create and update settings. A key left out is not sent (the vendor's defaults
 * are undocumented).
 * @example
 * const opts: OxylabsCreateOptions = { autoDisable: true, lifetime: false }
 */
export interface OxylabsCreateOptions {
  /** `auto_disable`: true disables the sub-user when its limit is reached. */
  readonly autoDisable?: boolean
  /** `lifetime`: true makes the subscription period unlimited (no recurring traffic resets). */
  readonly lifetime?: boolean
}

/**
 * The `vendor` block an Oxylabs provider reads: `vendor.oxylabs`, other providers' blocks beside it.
 * @example
 * const v: OxylabsSettings = { oxylabs: { autoDisable: true } }
 */
export type OxylabsSettings = SettingsOf<'oxylabs', OxylabsCreateOptions>

/**
 * An Oxylabs sub-user: the neutral fields and Oxylabs' extras, typed.
 * @example
 * const u: OxylabsSubUserOf = await toPromises(createOxylabsProvider({ username, password })).get('12345')
 * u.vendor.autoDisable // true, false or null
 */
export type OxylabsSubUserOf = SubUser<'oxylabs', OxylabsExtras>

/**
 * What `createOxylabsProvider` returns: a provider whose sub-users carry {@link OxylabsExtras}.
 * @example
 * const p: OxylabsProvider = createOxylabsProvider({ username, password })
 */
export type OxylabsProvider = SubUserProvider<'oxylabs', OxylabsExtras, OxylabsSettings>
