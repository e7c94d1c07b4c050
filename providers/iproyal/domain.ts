/**
 * IPRoyal's types in the neutral domain: its extras on a sub-user, its settings and its provider.
 */
import type { TE } from '../../src/adapter'
import type { SettingsOf, SubUser, SubUserError, SubUserProvider, VendorExtras } from '../../src/adapter'

/**
 * IPRoyal's `limits` object, as the vendor writes it (§3.3, §6.13): its unit is undocumented,
 * so it is passed through as given and never derived from `trafficLimitBytes`.
 * @example
 * const l: IPRoyalRawLimits = { daily_limit: 5000, monthly_limit: 150000, lifetime_limit: 1000000 }
 */
export interface IPRoyalRawLimits {
  readonly daily_limit?: number | null
  readonly monthly_limit?: number | null
  readonly lifetime_limit?: number | null
}

/**
 * What IPRoyal tells about a sub-user beyond the neutral fields. `trafficLimitBytes` is the
 * whole allocation (available + used); what is left of it is `trafficAvailableBytes`.
 * @example
 * if (user.vendor.provider === 'iproyal' && user.vendor.trafficAvailableBytes === 0) console.log('allocation used up')
 */
export interface IPRoyalExtras extends VendorExtras<'iproyal'> {
  /** The allocation not used yet (`traffic_available`), in bytes: 0 means the proxy refuses traffic. */
  readonly trafficAvailableBytes: number
  /** The legacy numeric `id`, for information only (IPRoyal will remove it); null when absent. */
  readonly legacyId: number | null
  /** `limits` when a reply carries it (no documented one does); null otherwise. */
  readonly limits: IPRoyalRawLimits | null
  /** The undocumented `traffic` field in bytes when a reply carries it; null otherwise. */
  readonly trafficBytes: number | null
  /**
   * On the result of `update` only: the fields the update changed (`username`, `password`,
   * `vendor.iproyal.limits`, `trafficLimitBytes`), in the order they were written.
   */
  readonly applied?: ReadonlyArray<string>
}

/**
 * IPRoyal-only create and update settings. `limits` is sent as given (§6.13).
 * @example
 * const opts: IPRoyalCreateOptions = { limits: { daily_limit: 5000 } }
 */
export interface IPRoyalCreateOptions {
  readonly limits?: IPRoyalRawLimits
}

/**
 * The `vendor` block an IPRoyal provider reads: `vendor.iproyal`, other providers' blocks beside it.
 * @example
 * const v: IPRoyalSettings = { iproyal: { limits: { daily_limit: 5000 } } }
 */
export type IPRoyalSettings = SettingsOf<'iproyal', IPRoyalCreateOptions>

/**
 * An IPRoyal sub-user: the neutral fields and IPRoyal's extras, typed.
 * @example
 * const u: IPRoyalSubUserOf = await toPromises(createIPRoyalProvider({ apiToken })).get('01HQ5K3P97DY8EX9Y90YT1K6XA')
 * u.vendor.trafficAvailableBytes
 */
export type IPRoyalSubUserOf = SubUser<'iproyal', IPRoyalExtras>

/**
 * What `createIPRoyalProvider` returns: a provider whose sub-users carry {@link IPRoyalExtras},
 * and IPRoyal's session reset.
 * @example
 * const p: IPRoyalProvider = createIPRoyalProvider({ apiToken })
 * await p.resetSessions(['01HQ5K3P97DY8EX9Y90YT1K6XA'])()
 */
export type IPRoyalProvider = SubUserProvider<'iproyal', IPRoyalExtras, IPRoyalSettings> & {
  /**
   * Ends the sticky sessions of these hashes (`DELETE /sessions`, vendor sheet §3.9, §6.16).
   * Documented for "user hashes": that a sub-user's hash counts as one is unverified. Hashes
   * are checked first (26 letters or digits, at least one); errors are reported as `refresh`.
   */
  resetSessions(hashes: ReadonlyArray<string>): TE.TaskEither<SubUserError, void>
}
