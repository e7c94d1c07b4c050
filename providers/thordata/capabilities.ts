/**
 * What the Thordata adapter can do, as data (vendor sheet §3.6, §6.10, §8).
 */
import { type Capabilities, MAX_SESSION_ID_LENGTH } from '../../src/adapter'
import { THORDATA_MAX_SESSION_MINUTES, THORDATA_USAGE_WINDOW_DAYS } from './gateway'
import { THORDATA_LIMIT_UNIT, THORDATA_MIN_LIMIT_BYTES } from './units'

/**
 * Thordata's capabilities: every field on create and update, both statuses,
 * passwords readable, refresh only re-reads (no vendor endpoint), one
 * unpaged list, limits in whole MiB of at least 100 MiB. `access` targets a
 * country and sticky sessions of up to 90 minutes (sheet §8), gives HTTP and
 * HTTPS endpoints, SOCKS5 only when asked (the sources disagree on it), and
 * shows the password (`user-list` holds it); `usage` has no documented history
 * limit and asks for at most 180 days a call (§3.5).
 * @example
 * thordataCapabilities.refresh // 'reread'
 */
export const thordataCapabilities: Capabilities = {
  create: ['username', 'password', 'status', 'trafficLimitBytes'],
  update: ['username', 'password', 'status', 'trafficLimitBytes'],
  statuses: ['active', 'disabled'],
  readsPassword: true,
  refresh: 'reread',
  listing: 'single-response',
  trafficLimit: { stepBytes: THORDATA_LIMIT_UNIT, minBytes: THORDATA_MIN_LIMIT_BYTES },
  settings: [],
  access: {
    protocols: ['http', 'https', 'socks5'],
    defaultProtocols: ['http', 'https'],
    country: true,
    session: { idLength: { min: 1, max: MAX_SESSION_ID_LENGTH }, minutes: { min: 1, max: THORDATA_MAX_SESSION_MINUTES } },
    revealsPassword: true,
  },
  usage: { historyDays: null, windowDays: THORDATA_USAGE_WINDOW_DAYS },
}
