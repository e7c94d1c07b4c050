/**
 * DeviceHive's types in the neutral domain: its id, the extras on its sub-users (DeviceHive
 * users) and the settings its `vendor.devicehive` block takes. Declared here, by the adapter,
 * as type parameters of the package's generic types: nothing in proxy-subusers changes.
 */
import type { SettingsOf, SubUser, SubUserProvider, VendorExtras } from 'proxy-subusers'

/** The id this adapter declares. @example const id: DeviceHiveId = 'devicehive' */
export type DeviceHiveId = 'devicehive'

/**
 * A DeviceHive role: `admin` (0 on the wire) or `client` (1).
 * @example
 * const r: DeviceHiveRole = 'client'
 */
export type DeviceHiveRole = 'admin' | 'client'

/**
 * A JSON value, as DeviceHive keeps in a user's `data`.
 * @example
 * const d: Json = { team: 'a', seats: 3 }
 */
export type Json = string | number | boolean | null | ReadonlyArray<Json> | { readonly [key: string]: Json }

/**
 * What DeviceHive tells about a user beyond the neutral fields.
 * @example
 * if (user.vendor.locked) console.log('locked after failed logins; status reads disabled')
 */
export interface DeviceHiveExtras extends VendorExtras<DeviceHiveId> {
  /** DeviceHive's numeric id (the neutral `id` is its decimal string). */
  readonly numericId: number
  readonly role: DeviceHiveRole
  /** DeviceHive's status 1 (locked, after too many failed logins): the neutral status is then `disabled`. */
  readonly locked: boolean
  /** The user's free-form JSON data; null when none. */
  readonly data: Json | null
  readonly lastLogin: Date | null
  /** Whether the user has seen DeviceHive's introduction; null when not reported. */
  readonly introReviewed: boolean | null
}

/**
 * DeviceHive-only create and update settings; a key left out is not sent.
 * @example
 * const s: DeviceHiveCreateOptions = { role: 'admin', data: { team: 'ops' } }
 */
export interface DeviceHiveCreateOptions {
  /** Default on create: `client`. */
  readonly role?: DeviceHiveRole
  readonly data?: Json | null
}

/**
 * The `vendor` block a DeviceHive provider reads: `vendor.devicehive`.
 * @example
 * const v: DeviceHiveSettings = { devicehive: { role: 'client', data: { team: 'a' } } }
 */
export type DeviceHiveSettings = SettingsOf<DeviceHiveId, DeviceHiveCreateOptions>

/**
 * A DeviceHive user as a sub-user.
 * @example
 * const u: DeviceHiveSubUser = await toPromises(createDeviceHiveProvider(options)).get('7')
 * u.vendor.role // 'client'
 */
export type DeviceHiveSubUser = SubUser<DeviceHiveId, DeviceHiveExtras>

/**
 * What `createDeviceHiveProvider` returns.
 * @example
 * const p: DeviceHiveProvider = createDeviceHiveProvider({ baseURL, login, password })
 */
export type DeviceHiveProvider = SubUserProvider<DeviceHiveId, DeviceHiveExtras, DeviceHiveSettings>
