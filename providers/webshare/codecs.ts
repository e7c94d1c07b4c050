/**
 * io-ts codecs for Webshare's v2 sub-user API. Tolerant: unknown fields pass,
 * and every usage counter may be absent or null (vendor sheet §6.18).
 */
import * as t from 'io-ts'

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null])

/**
 * An ISO date-time string that parses to a valid Date.
 * @example
 * IsoDate.decode('2025-04-01T10:00:00.123456-07:00') // Right(Date)
 */
export const IsoDate = new t.Type<Date, string, unknown>(
  'IsoDateString',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const d = new Date(u)
    return Number.isNaN(d.getTime()) ? t.failure(u, c) : t.success(d)
  },
  (d) => d.toISOString(),
)

/**
 * `aggregate_stats`: usage counters, each optional and nullable.
 * @example
 * WebshareAggregateStats.decode({ bandwidth_total: 73400320 })
 */
export const WebshareAggregateStats = t.partial({
  bandwidth_total: nullable(t.number),
  bandwidth_projected: nullable(t.number),
  requests_total: nullable(t.number),
  requests_successful: nullable(t.number),
  requests_failed: nullable(t.number),
  number_of_proxies_used: nullable(t.number),
  last_request_sent_at: nullable(IsoDate),
})
export type WebshareAggregateStats = t.TypeOf<typeof WebshareAggregateStats>

/**
 * A sub-user object (vendor sheet §2).
 * @example
 * WebshareSubUser.decode({ id: 42, label: 'customer7', proxy_limit: 2.5, proxy_countries: null })
 */
export const WebshareSubUser = t.intersection([
  t.type({
    id: t.number,
    label: t.string,
    proxy_limit: t.number,
  }),
  t.partial({
    proxy_countries: nullable(t.record(t.string, t.number)),
    max_thread_count: nullable(t.number),
    bandwidth_use_start_date: nullable(IsoDate),
    bandwidth_use_end_date: nullable(IsoDate),
    created_at: nullable(IsoDate),
    updated_at: nullable(IsoDate),
    aggregate_stats: nullable(WebshareAggregateStats),
  }),
])
export type WebshareSubUser = t.TypeOf<typeof WebshareSubUser>

/**
 * A page of the list endpoint (the DRF envelope).
 * @example
 * WebshareSubUserPage.decode({ count: 1, next: null, previous: null, results: [sub] })
 */
export const WebshareSubUserPage = t.type({
  next: nullable(t.string),
  results: t.array(WebshareSubUser),
})
export type WebshareSubUserPage = t.TypeOf<typeof WebshareSubUserPage>

/** One entry of a field-error list: a bare message or `{message, code}`. @example WebshareFieldMessage.is('This field is required.') */
export const WebshareFieldMessage = t.union([t.string, t.intersection([t.type({ message: t.string }), t.partial({ code: t.string })])])
export type WebshareFieldMessage = t.TypeOf<typeof WebshareFieldMessage>
