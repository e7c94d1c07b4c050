/**
 * What the Oxylabs adapter can do, as data (vendor sheet §3.4, §3.7, §6.4, §6.5, §6.11).
 */
import type { Capabilities } from '../../src/adapter'
import { OXYLABS_LIMIT_STEP } from './units'

/**
 * Oxylabs' capabilities: no rename (its update has no `username`), passwords set but never
 * read back, both statuses (a create given `disabled` is created, then disabled), refresh only
 * re-reads, one unpaged list that may leave disabled sub-users out, limits in whole MiB with
 * 0 (no traffic allowed) distinct from unlimited.
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
}
