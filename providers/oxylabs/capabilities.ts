/**
 * What the Oxylabs adapter can do, as data (vendor sheet §3.3, §3.4, §3.7, §6.4, §6.5, §6.11, §6.12, §8).
 */
import { type Capabilities, MAX_SESSION_ID_LENGTH } from '../../src/adapter'
import { OXYLABS_MAX_SESSION_MINUTES } from './gateway'
import { OXYLABS_LIMIT_STEP } from './units'

/**
 * Oxylabs' capabilities: no rename (its update has no `username`), passwords set but never
 * read back, both statuses (a create given `disabled` is created, then disabled), refresh only
 * re-reads, one unpaged list that may leave disabled sub-users out, limits in whole MiB with
 * 0 (no traffic allowed) distinct from unlimited. `access` gives the one gateway's HTTP and
 * HTTPS endpoints (SOCKS5 when asked; it cannot be combined with a country, §8), targets a
 * country and sticky sessions of up to 1440 minutes (the session id's length is undocumented:
 * the neutral 1 to 64 letters or digits), and cannot show the password (no read returns it);
 * `usage` has no documented history limit or longest range (§6.12).
 * @example
 * oxylabsCapabilities.update // ['password', 'status', 'trafficLimitBytes']
 */
export const oxylabsCapabilities: Capabilities = {
  create: ['username', 'password', 'status', 'trafficLimitBytes'],
  update: ['password', 'status', 'trafficLimitBytes'],
  statuses: ['active', 'disabled'],
  readsPassword: false,
  refresh: 'reread',
  listing: 'single-response',
  trafficLimit: { stepBytes: OXYLABS_LIMIT_STEP, minBytes: 0 },
  settings: ['autoDisable', 'lifetime'],
  listMayOmitDisabled: true,
  access: {
    protocols: ['http', 'https', 'socks5'],
    defaultProtocols: ['http', 'https'],
    country: true,
    session: { idLength: { min: 1, max: MAX_SESSION_ID_LENGTH }, minutes: { min: 1, max: OXYLABS_MAX_SESSION_MINUTES } },
    revealsPassword: false,
  },
  usage: { historyDays: null, windowDays: null },
}
