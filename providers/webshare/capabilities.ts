/**
 * What the Webshare adapter can do, as data (vendor sheet §2, §3.7, §6.11, §6.13, §6.14).
 */
import type { Capabilities } from '../../src/adapter'
import { WEBSHARE_LIMIT_STEP } from './units'

/**
 * Webshare's capabilities: a sub-user has no password and no disabled status
 * (so `password` is refused and only `'active'` is accepted), refresh renews
 * the custom proxy list, the list is paged, limits are whole MiB of at least 1 MiB.
 * @example
 * webshareCapabilities.statuses // ['active']
 */
export const webshareCapabilities: Capabilities = {
  create: ['username', 'status', 'trafficLimitBytes'],
  update: ['username', 'status', 'trafficLimitBytes'],
  statuses: ['active'],
  readsPassword: false,
  refresh: 'renew',
  listing: 'paged',
  trafficLimit: { stepBytes: WEBSHARE_LIMIT_STEP, minBytes: WEBSHARE_LIMIT_STEP },
  // The usage window's start date is left out: it is where usage is counted from, not a limit to carry.
  uniqueUsernames: false,
  settings: ['maxThreadCount', 'proxyCountries'],
}
