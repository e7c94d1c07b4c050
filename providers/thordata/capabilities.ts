/**
 * What the Thordata adapter can do, as data (vendor sheet §3.6, §6.10).
 */
import type { Capabilities } from '../../src/adapter'
import { THORDATA_LIMIT_UNIT, THORDATA_MIN_LIMIT_BYTES } from './units'

/**
 * Thordata's capabilities: every field on create and update, both statuses,
 * passwords readable, refresh only re-reads (no vendor endpoint), one
 * unpaged list, limits in whole MiB of at least 100 MiB.
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
}
