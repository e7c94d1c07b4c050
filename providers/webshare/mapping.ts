/**
 * Webshare's decoded sub-user mapped, field by field, into the domain (vendor sheet §3.7).
 */
import type { WebshareSubUserOf } from './domain'
import { readIsoDateTime } from '../../src/adapter'
import { WEBSHARE_LIMIT_UNIT } from './units'
import type { IsoDateTime, WebshareSubUser } from './codecs'

/** A decoded date-time (checked by the codec, so read without checking again) as a `Date`; absent or null as null. */
const toDate = (s: IsoDateTime | null | undefined): Date | null => (s === undefined || s === null ? null : new Date(readIsoDateTime(s)))

/**
 * One Webshare sub-user as a {@link SubUser}, field by field (vendor sheet
 * §3.7): `status` is always `'active'`, `password` always null, `proxy_limit`
 * 0 is unlimited, and since the float came from whole MiB, rounding to the
 * byte undoes float error. Date-times become `Date`s; absent values become null.
 * @example
 * toSubUser({ id: 42, label: 'customer7', proxy_limit: 2.5 }).trafficLimitBytes // 2684354560
 */
export const toSubUser = (s: WebshareSubUser): WebshareSubUserOf => {
  const stats = s.aggregate_stats ?? {}
  return {
    provider: 'webshare',
    id: String(s.id),
    username: s.label,
    status: 'active',
    trafficLimitBytes: s.proxy_limit === 0 ? null : Math.round(s.proxy_limit * WEBSHARE_LIMIT_UNIT),
    trafficUsedBytes: stats.bandwidth_total ?? null,
    createdAt: toDate(s.created_at),
    password: null,
    vendor: {
      provider: 'webshare',
      numericId: s.id,
      maxThreadCount: s.max_thread_count ?? null,
      proxyCountries: s.proxy_countries === undefined || s.proxy_countries === null ? null : { ...s.proxy_countries },
      bandwidthUseStartDate: toDate(s.bandwidth_use_start_date),
      bandwidthUseEndDate: toDate(s.bandwidth_use_end_date),
      updatedAt: toDate(s.updated_at),
      stats: {
        requestsTotal: stats.requests_total ?? null,
        requestsSuccessful: stats.requests_successful ?? null,
        requestsFailed: stats.requests_failed ?? null,
        bandwidthProjectedBytes: stats.bandwidth_projected ?? null,
        numberOfProxiesUsed: stats.number_of_proxies_used ?? null,
        lastRequestSentAt: toDate(stats.last_request_sent_at),
      },
    },
  }
}
