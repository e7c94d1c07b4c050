/**
 * Thordata's types in the neutral domain: its extras on a sub-user and its create settings.
 */
import type { SettingsOf, SubUser, SubUserProvider, VendorExtras } from '../../src/adapter'

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
export interface ThordataExtras extends VendorExtras<'thordata'> {
  /** The product namespace the sub-user lives in. */
  readonly proxyType: ThordataProxyType
  /** The login to use on Thordata's gateway: `td-customer-<username>`. */
  readonly gatewayUsername: string
}

/**
 * Thordata-only create and update settings. Thordata has none today (the proxy
 * type is chosen when the provider is created); the slot exists so that the
 * shape of `CreateSubUser` is the same for every vendor.
 * @example
 * const opts: ThordataCreateOptions = {}
 */
export type ThordataCreateOptions = Readonly<Record<string, never>>


/**
 * The `vendor` block a Thordata provider reads: `vendor.thordata`, other providers' blocks beside it.
 * @example
 * const v: ThordataSettings = { thordata: {}, webshare: { maxThreadCount: 5 } }
 */
export type ThordataSettings = SettingsOf<'thordata', ThordataCreateOptions>

/**
 * A Thordata sub-user: the neutral fields and Thordata's extras, typed.
 * @example
 * const u: ThordataSubUserOf = await toPromises(createThordataProvider({ token })).get('alice001')
 * u.vendor.gatewayUsername // 'td-customer-alice001'
 */
export type ThordataSubUserOf = SubUser<'thordata', ThordataExtras>

/**
 * What `createThordataProvider` returns: a provider whose sub-users carry {@link ThordataExtras}.
 * @example
 * const p: ThordataProvider = createThordataProvider({ token })
 */
export type ThordataProvider = SubUserProvider<'thordata', ThordataExtras, ThordataSettings>
