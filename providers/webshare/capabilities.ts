/**
 * What the Webshare adapter can do, as data (vendor sheet §2, §3.7, §6.11, §6.13, §6.14).
 */
import type { AccessCapabilities, Capabilities } from '../../src/adapter'
import { WEBSHARE_STATS_HISTORY_DAYS, type WebshareConnection } from './proxy'
import { WEBSHARE_LIMIT_STEP } from './units'

/**
 * Webshare's capabilities: a sub-user has no password and no disabled status
 * (so `password` is refused and only `'active'` is accepted), refresh renews
 * the custom proxy list, the list is paged, limits are whole MiB of at least 1 MiB.
 * `access` (direct connection, the default) gives the sub-user's listed proxies over HTTP
 * with its proxy login; the sheet gives no targeting syntax, so a country or session is
 * `unsupported`. `usage` reaches 90 days back, any range in one call.
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
  access: { protocols: ['http'], defaultProtocols: ['http'], country: false, session: null, revealsPassword: true },
  usage: { historyDays: WEBSHARE_STATS_HISTORY_DAYS, windowDays: null },
}

/** What `access` honours in backbone mode: the gateway's HTTP, and SOCKS5 when asked. */
const BACKBONE_ACCESS: AccessCapabilities = { protocols: ['http', 'socks5'], defaultProtocols: ['http'], country: false, session: null, revealsPassword: true }

/**
 * The capabilities of a provider in a connection mode: {@link webshareCapabilities} for
 * `direct`; for `backbone`, `access` gives the gateway's HTTP endpoint, and SOCKS5 when asked.
 * @example
 * webshareCapabilitiesFor('backbone').access?.protocols // ['http', 'socks5']
 */
export const webshareCapabilitiesFor = (connection: WebshareConnection): Capabilities =>
  connection === 'direct' ? webshareCapabilities : { ...webshareCapabilities, access: BACKBONE_ACCESS }
