/**
 * io-ts codecs for Webshare's v2 sub-user API (vendor sheet §2). Tolerant:
 * unknown fields pass, every usage counter may be absent or null (§6.18), and
 * only the fields the adapter maps are checked at all.
 */
import * as t from 'io-ts'
import { NonNegative, SafeId, isoDateTimeMillis, nullable } from '../../src/adapter'

/** The brand of {@link IsoDateTime}: a string checked to be an ISO 8601 date-time. @example const d: t.Branded<string, IsoDateTimeBrand> */
export interface IsoDateTimeBrand {
  readonly IsoDateTime: unique symbol
}

/**
 * An ISO 8601 date-time string with an offset, on a real calendar day. It is
 * checked, not converted: the mapper makes the `Date` (mapping.ts), so
 * decoding leaves the vendor's objects as they are instead of copying each
 * one that holds a date (five per sub-user).
 * @example
 * IsoDateTime.decode('2025-04-01T10:00:00.123456-07:00') // Right('2025-04-01T10:00:00.123456-07:00')
 * IsoDateTime.decode('2025-02-30T00:00:00Z')             // Left (no such day)
 */
export const IsoDateTime = t.brand(t.string, (s): s is t.Branded<string, IsoDateTimeBrand> => !Number.isNaN(isoDateTimeMillis(s)), 'IsoDateTime')
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
