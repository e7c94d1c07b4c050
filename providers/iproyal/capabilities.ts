/**
 * What the IPRoyal adapter can do, as data (vendor sheet §3.8, §3.10, §6.3–§6.7, §6.10, §6.12, §8).
 */
import type { Capabilities } from '../../src/adapter'
import { IPROYAL_MAX_SESSION_MINUTES, IPROYAL_SESSION_ID_LENGTH } from './gateway'
import { IPROYAL_LIMIT_STEP } from './units'

/**
 * IPRoyal's capabilities: a sub-user has no status (only `'active'` is accepted), its traffic
 * limit is an allocation moved from the main balance, so unlimited cannot be represented and
 * an empty allocation (0) can; limits in whole MiB; passwords readable; rename supported;
 * refresh only re-reads; the list is paged. `access` gives the gateway's HTTP and HTTPS
 * endpoints (SOCKS5 when asked), targets a country and sticky sessions (ids of exactly 8
 * letters or digits, 1 minute to 7 days) and shows the password (the vendor returns it);
 * `usage` has no documented history limit or longest range (§3.8).
 * @example
 * iproyalCapabilities.trafficLimit?.unlimited // false
 */
export const iproyalCapabilities: Capabilities = {
  create: ['username', 'password', 'status', 'trafficLimitBytes'],
  update: ['username', 'password', 'status', 'trafficLimitBytes'],
  statuses: ['active'],
  readsPassword: true,
  refresh: 'reread',
  listing: 'paged',
  trafficLimit: {
    stepBytes: IPROYAL_LIMIT_STEP,
    minBytes: 0,
    unlimited: false,
    unlimitedReason: 'IPRoyal needs an allocation, traffic moved from the main balance into the sub-user (trafficLimitBytes: 0 creates an empty one)',
  },
  settings: ['limits'],
  access: {
    protocols: ['http', 'https', 'socks5'],
    defaultProtocols: ['http', 'https'],
    country: true,
    session: { idLength: { min: IPROYAL_SESSION_ID_LENGTH, max: IPROYAL_SESSION_ID_LENGTH }, minutes: { min: 1, max: IPROYAL_MAX_SESSION_MINUTES } },
    revealsPassword: true,
  },
  usage: { historyDays: null, windowDays: null },
}
