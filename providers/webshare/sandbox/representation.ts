/**
 * How a stored sub-user looks: on the wire (vendor sheet §2, the full object
 * with `aggregate_stats`) and in the fake's test-only snapshot.
 */
import { addOneMonth, formatDateTime } from './datetime'
import type { StoredSubUser } from './store'

/**
 * The sub-user object Webshare sends: no password, no status; usage in
 * `aggregate_stats.bandwidth_total` (bytes), the nullable stats null, the
 * other counters 0.
 * @example
 * renderSubUser(stored).aggregate_stats.average_rps // null
 */
export const renderSubUser = (s: StoredSubUser) => ({
  id: s.id,
  label: s.label,
  proxy_countries: s.proxyCountries === null ? null : { ...s.proxyCountries },
  proxy_limit: s.proxyLimit,
  max_thread_count: s.maxThreadCount,
  aggregate_stats: {
    bandwidth_total: s.bandwidthTotal,
    bandwidth_projected: 0,
    bandwidth_average: 0,
    requests_total: 0,
    requests_successful: 0,
    requests_failed: 0,
    number_of_proxies_used: 0,
    countries_used: {},
    protocols_used: {},
    error_reasons: [],
    average_concurrency: null,
    average_rps: null,
    last_request_sent_at: null,
  },
  created_at: formatDateTime(s.createdAt),
  updated_at: formatDateTime(s.updatedAt),
  bandwidth_use_start_date: formatDateTime(s.bandwidthUseStartDate),
  bandwidth_use_end_date: formatDateTime(addOneMonth(s.bandwidthUseStartDate)),
})

/**
 * A sub-user as the fake's control hook shows it: the wire fields (dates as
 * sent), its plan and the number of refreshes it got.
 * @example
 * const s: WebshareFakeSubUser = fake.control.subusers()[0]!
 * s.plan_id // null (the default plan)
 */
export interface WebshareFakeSubUser {
  readonly id: number
  /** The `plan_id` it was created under; null for the default plan. */
  readonly plan_id: string | null
  readonly label: string
  /** GB; 0 = unlimited. */
  readonly proxy_limit: number
  readonly max_thread_count: number
  readonly proxy_countries: Readonly<Record<string, number>> | null
  /** Bytes: the sum of its hourly usage. */
  readonly bandwidth_total: number
  /** Its proxy login, as proxy config and list give it to the sub-user. */
  readonly proxy_username: string
  readonly proxy_password: string
  readonly created_at: string
  readonly updated_at: string
  readonly bandwidth_use_start_date: string
  readonly bandwidth_use_end_date: string
  /** Successful `POST …/refresh/` calls. */
  readonly refreshes: number
}

/**
 * The snapshot of one stored sub-user (a copy: changing it changes nothing).
 * @example
 * snapshotOf(stored).bandwidth_total // 73400320
 */
export const snapshotOf = (s: StoredSubUser): WebshareFakeSubUser => {
  const wire = renderSubUser(s)
  return {
    id: s.id,
    plan_id: s.planId,
    label: s.label,
    proxy_limit: s.proxyLimit,
    max_thread_count: s.maxThreadCount,
    proxy_countries: wire.proxy_countries,
    bandwidth_total: s.bandwidthTotal,
    proxy_username: s.proxyUsername,
    proxy_password: s.proxyPassword,
    created_at: wire.created_at,
    updated_at: wire.updated_at,
    bandwidth_use_start_date: wire.bandwidth_use_start_date,
    bandwidth_use_end_date: wire.bandwidth_use_end_date,
    refreshes: s.refreshes,
  }
}
