/**
 * io-ts codecs for Webshare's v2 sub-user API (vendor sheet §2). Tolerant:
 * unknown fields pass, every usage counter may be absent or null (§6.18), and
 * only the fields the adapter maps are checked at all.
 */
import * as t from 'io-ts'
import { NonNegative, Port, SafeId, checked, isIsoDateTime, nullable, type IsoDateTimeText } from '../../src/adapter'

/** The brand of {@link IsoDateTime}: a string checked to be an ISO 8601 date-time. @example const d: t.Branded<IsoDateTimeText, IsoDateTimeBrand> */
export interface IsoDateTimeBrand {
  readonly IsoDateTime: unique symbol
}

/**
 * An ISO 8601 date-time string with an offset, on a real calendar day. It is
 * checked, not converted: the mapper makes the `Date` (mapping.ts), reading the
 * text without checking it again (`readIsoDateTime`), so decoding leaves the
 * vendor's objects as they are instead of copying each one that holds a date
 * (five per sub-user).
 * @example
 * IsoDateTime.decode('2025-04-01T10:00:00.123456-07:00') // Right('2025-04-01T10:00:00.123456-07:00')
 * IsoDateTime.decode('2025-02-30T00:00:00Z')             // Left (no such day)
 */
export const IsoDateTime = checked('IsoDateTime', (u): u is t.Branded<IsoDateTimeText, IsoDateTimeBrand> => typeof u === 'string' && isIsoDateTime(u))
export type IsoDateTime = t.TypeOf<typeof IsoDateTime>

/**
 * `aggregate_stats`: the usage counters the adapter maps, each optional and
 * nullable. The other keys (`countries_used`, `error_reasons`, …) pass unchecked.
 * @example
 * WebshareAggregateStats.decode({ bandwidth_total: 73400320, average_rps: null })
 */
export const WebshareAggregateStats = t.partial({
  bandwidth_total: nullable(NonNegative),
  bandwidth_projected: nullable(NonNegative),
  requests_total: nullable(NonNegative),
  requests_successful: nullable(NonNegative),
  requests_failed: nullable(NonNegative),
  number_of_proxies_used: nullable(NonNegative),
  last_request_sent_at: nullable(IsoDateTime),
})
export type WebshareAggregateStats = t.TypeOf<typeof WebshareAggregateStats>

/**
 * A sub-user object (vendor sheet §2): `id`, `label` and `proxy_limit` (GiB as
 * a JSON number, `10` or `10.0`) are required; the rest may be absent or null.
 * @example
 * WebshareSubUser.decode({ id: 42, label: 'customer7', proxy_limit: 2.5, proxy_countries: { US: 20 } })
 */
export const WebshareSubUser = t.intersection([
  t.type({
    id: SafeId,
    label: t.string,
    proxy_limit: NonNegative,
  }),
  t.partial({
    proxy_countries: nullable(t.record(t.string, NonNegative)),
    max_thread_count: nullable(NonNegative),
    bandwidth_use_start_date: nullable(IsoDateTime),
    bandwidth_use_end_date: nullable(IsoDateTime),
    created_at: nullable(IsoDateTime),
    updated_at: nullable(IsoDateTime),
    aggregate_stats: nullable(WebshareAggregateStats),
  }),
])
export type WebshareSubUser = t.TypeOf<typeof WebshareSubUser>

/**
 * A page of the list endpoint, Django REST framework's envelope
 * `{count, next, previous, results}`; `next` is an absolute URL or null.
 * @example
 * WebshareSubUserPage.decode({ count: 1, next: null, previous: null, results: [subUser] })
 */
export const WebshareSubUserPage = t.intersection([
  t.type({
    next: nullable(t.string),
    results: t.array(WebshareSubUser),
  }),
  t.partial({
    count: NonNegative,
    previous: nullable(t.string),
  }),
])
export type WebshareSubUserPage = t.TypeOf<typeof WebshareSubUserPage>

/**
 * One entry of a field-error list: a bare message (documented shape) or
 * `{message, code}` (what the live API sends).
 * @example
 * WebshareFieldMessage.is({ message: 'This field is required.', code: 'required' }) // true
 */
export const WebshareFieldMessage = t.union([t.string, t.intersection([t.type({ message: t.string }), t.partial({ code: t.string })])])
export type WebshareFieldMessage = t.TypeOf<typeof WebshareFieldMessage>

/**
 * `GET /api/v2/proxy/config/` as a sub-user (`X-Subuser`): the sub-user's proxy login. Its
 * other keys (timeouts, country allocations, a download token) pass unchecked.
 * @example
 * WebshareProxyConfig.decode({ username: 'xkqzjhpt', password: 'b7k2m9q4w1z8', request_timeout: 86400 })
 */
export const WebshareProxyConfig = t.type({ username: t.string, password: t.string }, 'WebshareProxyConfig')
export type WebshareProxyConfig = t.TypeOf<typeof WebshareProxyConfig>

/**
 * One proxy of `GET /api/v2/proxy/list/`: where to connect (`proxy_address` is null in
 * backbone mode) and whether Webshare's last check found it working.
 * @example
 * WebshareProxy.decode({ id: 'd-1', proxy_address: '198.18.0.7', port: 6113, valid: true, country_code: 'US' })
 */
export const WebshareProxy = t.intersection([
  t.type({ proxy_address: nullable(t.string), port: Port, valid: t.boolean }),
  t.partial({ country_code: nullable(t.string) }),
])
export type WebshareProxy = t.TypeOf<typeof WebshareProxy>

/**
 * A page of the proxy list, in the DRF envelope.
 * @example
 * WebshareProxyPage.decode({ count: 1, next: null, previous: null, results: [proxy] })
 */
export const WebshareProxyPage = t.intersection([
  t.type({ next: nullable(t.string), results: t.array(WebshareProxy) }),
  t.partial({ count: NonNegative, previous: nullable(t.string) }),
])
export type WebshareProxyPage = t.TypeOf<typeof WebshareProxyPage>

/**
 * One hourly row of `GET /api/v2/stats/`: the hour it starts, whether it is a projection
 * (an hour to come), and its traffic in bytes. The other counters pass unchecked.
 * @example
 * WebshareHourlyStat.decode({ timestamp: '2022-08-11T17:00:00-07:00', is_projected: false, bandwidth_total: 5000 })
 */
export const WebshareHourlyStat = t.type({ timestamp: IsoDateTime, is_projected: t.boolean, bandwidth_total: NonNegative }, 'WebshareHourlyStat')
export type WebshareHourlyStat = t.TypeOf<typeof WebshareHourlyStat>

/**
 * The reply of `GET /api/v2/stats/`: a bare array of hourly rows (not paginated).
 * @example
 * WebshareHourlyStats.decode([])
 */
export const WebshareHourlyStats = t.array(WebshareHourlyStat, 'WebshareHourlyStats')
export type WebshareHourlyStats = t.TypeOf<typeof WebshareHourlyStats>
