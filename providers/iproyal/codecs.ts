/**
 * io-ts codecs for IPRoyal's residential sub-user API (vendor sheet §2–§3). Tolerant: unknown
 * fields pass, the legacy `id` and the undocumented `traffic` and `limits` may be absent.
 */
import * as t from 'io-ts'
import { NonNegative, SafeId, UtcDay, checked, nullable } from '../../src/adapter'

const HASH_LENGTH = 26

/** Whether `s` is {@link HASH_LENGTH} ASCII letters or digits, read by character codes (a listing checks one per sub-user). */
const isHash = (s: string): boolean => {
  if (s.length !== HASH_LENGTH) return false
  for (let i = 0; i < HASH_LENGTH; i++) {
    const c = s.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false
  }
  return true
}

/**
 * A sub-user's `hash`: 26 letters or digits (ULID-like, Crockford base32), the key in every
 * path and the neutral `id`. Anything else is a decode error: an id that could not be passed
 * back is never handed out.
 * @example
 * IPRoyalHash.decode('01HQ5K3P97DY8EX9Y90YT1K6XA') // Right
 * IPRoyalHash.decode('../x')                       // Left: expected 26 letters or digits
 */
export const IPRoyalHash = checked('26 letters or digits', (u): u is string => typeof u === 'string' && isHash(u))
export type IPRoyalHash = t.TypeOf<typeof IPRoyalHash>

/**
 * The documented keys of `limits` (§3.3, unit undocumented), each a number ≥ 0 or null.
 * @example
 * IPRoyalLimitValues.decode({ daily_limit: 5000, monthly_limit: 150000, lifetime_limit: 1000000 })
 */
export const IPRoyalLimitValues = t.partial({
  daily_limit: nullable(NonNegative),
  monthly_limit: nullable(NonNegative),
  lifetime_limit: nullable(NonNegative),
})
export type IPRoyalLimitValues = t.TypeOf<typeof IPRoyalLimitValues>

/** `[]`: what PHP writes for an empty "Array" (the docs type `limits` so). */
const EmptyList = checked('[]', (u): u is ReadonlyArray<never> => Array.isArray(u) && u.length === 0)

/**
 * `limits` as a reply may hold it: the documented object, or `[]` for none.
 * @example
 * IPRoyalLimits.decode([]) // Right([])
 */
export const IPRoyalLimits = t.union([IPRoyalLimitValues, EmptyList])
export type IPRoyalLimits = t.TypeOf<typeof IPRoyalLimits>

/**
 * A Subuser resource (§2): `hash`, `username`, `password` (clear text) and the allocation in
 * GB (`traffic_available` not yet used, `traffic_used`); `id` is legacy (never used for
 * logic), `traffic` (a third-party SDK's) and `limits` come in no documented reply.
 * @example
 * IPRoyalSubUser.decode({ id: 5, hash: '02JVRQ5BF83PTW19G1SRD955J0', username: 'subuser123', password: 'securepassword', traffic_available: 10, traffic_used: 0 })
 */
export const IPRoyalSubUser = t.intersection([
  t.type({
    hash: IPRoyalHash,
    username: t.string,
    password: t.string,
    traffic_available: NonNegative,
    traffic_used: NonNegative,
  }),
  t.partial({
    id: SafeId,
    traffic: nullable(NonNegative),
    limits: nullable(IPRoyalLimits),
  }),
])
export type IPRoyalSubUser = t.TypeOf<typeof IPRoyalSubUser>

/**
 * A list reply's `meta` (Laravel's paginator): the pages are followed on `current_page` and
 * `last_page`; `per_page` is echoed, never trusted (§6.11).
 * @example
 * IPRoyalPageMeta.decode({ current_page: 1, from: 1, last_page: 1, path: 'https://resi-api.iproyal.com/v1/residential-subusers', per_page: 20, to: 1, total: 1 })
 */
export const IPRoyalPageMeta = t.intersection([
  t.type({ current_page: SafeId, last_page: SafeId }),
  t.partial({ from: nullable(SafeId), to: nullable(SafeId), path: t.string, per_page: SafeId, total: SafeId }),
])
export type IPRoyalPageMeta = t.TypeOf<typeof IPRoyalPageMeta>

/**
 * One page of `GET /residential-subusers`: `{data, meta}`, and Laravel's `links` where sent.
 * A page without `meta` does not decode (a listing never stops early on a guess).
 * @example
 * IPRoyalSubUserPage.decode({ data: [], meta: { current_page: 1, last_page: 1 } })
 */
export const IPRoyalSubUserPage = t.intersection([
  t.type({ data: t.array(IPRoyalSubUser), meta: IPRoyalPageMeta }),
  t.partial({ links: t.partial({ first: nullable(t.string), last: nullable(t.string), prev: nullable(t.string), next: nullable(t.string) }) }),
])
export type IPRoyalSubUserPage = t.TypeOf<typeof IPRoyalSubUserPage>

/**
 * `GET /me` (or `/residential/me`): the main balance in GB, with the count of sub-users and
 * the account's own hash.
 * @example
 * IPRoyalMe.decode({ available_traffic: 32.6, subusers_count: 13, residential_user_hash: '01H7YCG0R9GYY1YCPS2S4QA6WB' })
 */
export const IPRoyalMe = t.intersection([
  t.type({ available_traffic: NonNegative }),
  t.partial({ subusers_count: SafeId, residential_user_hash: t.string }),
])
export type IPRoyalMe = t.TypeOf<typeof IPRoyalMe>

/**
 * An error body as Laravel writes it (unverified for IPRoyal, §2): `message`, and for a
 * validation failure `errors`, field → messages.
 * @example
 * IPRoyalErrorBody.is({ message: 'The username has already been taken.', errors: { username: ['The username has already been taken.'] } }) // true
 */
export const IPRoyalErrorBody = t.partial({
  message: t.string,
  errors: t.record(t.string, t.union([t.array(t.string), t.string])),
})
export type IPRoyalErrorBody = t.TypeOf<typeof IPRoyalErrorBody>

/**
 * A report figure asked in bytes with no decimals (`measurement_unit=B`, `rounding_decimal=0`):
 * a whole number of bytes a double holds exactly, as CSV text (zero decimals allowed). A
 * fraction of a byte, a sign or any other text is a decode error, never rounded.
 * @example
 * IPRoyalReportBytes.decode('1024')   // Right('1024')
 * IPRoyalReportBytes.decode('1024.5') // Left: expected whole number of bytes
 */
export const IPRoyalReportBytes = checked('whole number of bytes', (u): u is string => typeof u === 'string' && /^\d+(?:\.0+)?$/.test(u) && Number.isSafeInteger(Number(u)))
export type IPRoyalReportBytes = t.TypeOf<typeof IPRoyalReportBytes>

/**
 * One row of the usage report (§3.8, §6.12) as read by its header: the day (`YYYY-MM-DD`, in
 * the UTC zone asked) and its traffic in bytes.
 * @example
 * IPRoyalUsageRow.decode({ date: '2025-03-02', bytes: '1024' })
 */
export const IPRoyalUsageRow = t.type({ date: UtcDay, bytes: IPRoyalReportBytes })
export type IPRoyalUsageRow = t.TypeOf<typeof IPRoyalUsageRow>

/**
 * Every row of a usage report; a header-only report is none.
 * @example
 * IPRoyalUsageRows.decode([]) // Right([])
 */
export const IPRoyalUsageRows = t.readonlyArray(IPRoyalUsageRow)
export type IPRoyalUsageRows = t.TypeOf<typeof IPRoyalUsageRows>
