/**
 * DeviceHive's decoded JSON to the neutral sub-user, field by field, and the neutral status
 * and role back to DeviceHive's numbers.
 */
import type { SubUserStatus } from 'proxy-subusers'
import type { DeviceHiveUser, DeviceHiveWireRole, DeviceHiveWireStatus } from './codecs'
import type { DeviceHiveRole, DeviceHiveSubUser, Json } from './domain'

const ROLES: Readonly<Record<DeviceHiveWireRole, DeviceHiveRole>> = { 0: 'admin', 1: 'client' }

/** A role on the wire. @example roleToWire('admin') // 0 */
export const roleToWire = (role: DeviceHiveRole): DeviceHiveWireRole => (role === 'admin' ? 0 : 1)

/** A neutral status on the wire: active 0, disabled 2 (never 1, locked: only DeviceHive locks). @example statusToWire('disabled') // 2 */
export const statusToWire = (status: SubUserStatus): DeviceHiveWireStatus => (status === 'active' ? 0 : 2)

/** DeviceHive writes `lastLogin` without a zone, in UTC. */
const toDate = (s: string | null | undefined): Date | null => {
  if (s === null || s === undefined) return null
  const at = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`)
  return Number.isNaN(at) ? null : new Date(at)
}

/**
 * A DeviceHive user as a sub-user: login → username, status 0 → active, 1 (locked) and
 * 2 → disabled (`vendor.locked` tells 1 apart); no traffic, no readable password.
 * @example
 * toSubUser({ id: 7, login: 'alice', role: 1, status: 1 }).vendor.locked // true
 */
export const toSubUser = (u: DeviceHiveUser): DeviceHiveSubUser => ({
  provider: 'devicehive',
  id: String(u.id),
  username: u.login,
  status: u.status === 0 ? 'active' : 'disabled',
  trafficLimitBytes: null,
  trafficUsedBytes: null,
  createdAt: null,
  password: null,
  vendor: {
    provider: 'devicehive',
    numericId: u.id,
    role: ROLES[u.role],
    locked: u.status === 1,
    // Any JSON value parsed from the response: the codec took it as `unknown`.
    data: u.data === undefined ? null : (u.data as Json),
    lastLogin: toDate(u.lastLogin),
    introReviewed: u.introReviewed ?? null,
  },
})
