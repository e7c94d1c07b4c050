/**
 * What the IPRoyal adapter can do, as data (vendor sheet §3.10, §6.3–§6.7, §6.10).
 */
import type { Capabilities } from '../../src/adapter'
import { IPROYAL_LIMIT_STEP } from './units'

/**
 * IPRoyal's capabilities: a sub-user has no status (only `'active'` is accepted), its traffic
 * limit is an allocation moved from the main balance, so unlimited cannot be represented and
 * an empty allocation (0) can; limits in whole MiB; passwords readable; rename supported;
 * refresh only re-reads; the list is paged.
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
}
