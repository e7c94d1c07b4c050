/**
 * What the DeviceHive adapter can do, as data.
 */
import type { Capabilities } from 'proxy-subusers'

/**
 * DeviceHive users have no traffic at all (`trafficLimit: null`, so `trafficLimitBytes` can be
 * neither created nor updated); a password can be set but never read back; a login can be
 * changed (the id stays); refresh re-reads, there being nothing to renew; the list is paged.
 * @example
 * deviceHiveCapabilities.trafficLimit // null
 */
export const deviceHiveCapabilities: Capabilities = {
  create: ['username', 'password', 'status'],
  update: ['username', 'password', 'status'],
  statuses: ['active', 'disabled'],
  readsPassword: false,
  refresh: 'reread',
  listing: 'paged',
  trafficLimit: null,
  settings: ['role', 'data'],
}
