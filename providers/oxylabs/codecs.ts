/**
 * io-ts codecs for Oxylabs' residential sub-user Public API (vendor sheet §1–§3). Tolerant:
 * unknown fields pass; replies are bare objects and arrays, without an envelope.
 */
import * as t from 'io-ts'
import { NonNegative, SafeId, UtcDay, checked, credentialProblem, nullable, parseUtcDay } from '../../src/adapter'

/**
 * A session token as a header carries it: printable, without surrounding whitespace, at least
 * 4 characters (shorter could not be redacted safely). Any other is a decode error at its path,
 * never sent.
 * @example
 * OxylabsToken.is('eyJhbGciOiJIUzI1NiJ9.e30.sig') // true
 */
export const OxylabsToken = checked('a printable token of at least 4 characters', (u): u is string => typeof u === 'string' && credentialProblem('token', u) === undefined)

/**
 * The reply of `POST /login`: the main user's id (a string, a UUID in practice; opaque) and
 * the bearer token.
 * @example
 * OxylabsLogin.decode({ user_id: '4b1f0e6e-3c35-4b43-9a53-2f1a4c9e8d10', token: 'eyJ…' })
 */
export const OxylabsLogin = t.type({ user_id: t.string, token: OxylabsToken }, 'OxylabsLogin')
export type OxylabsLogin = t.TypeOf<typeof OxylabsLogin>

/**
 * A sub-user's status on the wire.
 * @example
 * OxylabsStatus.is('disabled') // true
 */
export const OxylabsStatus = t.keyof({ active: null, disabled: null }, 'OxylabsStatus')
export type OxylabsStatus = t.TypeOf<typeof OxylabsStatus>

/**
 * One row of the sub-user list (sheet §2): `id`, `username`, `status` and `traffic_limit`
 * (GB; null = unlimited, 0 = no traffic) are required; `created_at` (`YYYY-MM-DD HH:MM`),
 * `traffic` (GB used), `auto_disable` and `lifetime` may be absent. No row holds a password.
 * @example
 * OxylabsSubUser.decode({ id: 12345, username: 'test_username_123', status: 'active', created_at: '2022-01-24 13:54', traffic: 92.45, traffic_limit: 1000, auto_disable: true, lifetime: true })
 */
export const OxylabsSubUser = t.intersection(
  [
    t.type({ id: SafeId, username: t.string, status: OxylabsStatus, traffic_limit: nullable(NonNegative) }, 'OxylabsSubUser'),
    t.partial(
      {
        created_at: nullable(t.string),
        traffic: nullable(NonNegative),
        auto_disable: nullable(t.boolean),
        lifetime: nullable(t.boolean),
      },
      'OxylabsSubUser',
    ),
  ],
  'OxylabsSubUser',
)
export type OxylabsSubUser = t.TypeOf<typeof OxylabsSubUser>

/**
 * The reply of `GET /users/{userId}/sub-users`: a bare array.
 * @example
 * OxylabsSubUserList.decode([])
 */
export const OxylabsSubUserList = t.array(OxylabsSubUser, 'OxylabsSubUserList')
export type OxylabsSubUserList = t.TypeOf<typeof OxylabsSubUserList>

/**
 * A list row read only for its id and username, the rest left for a full decode of the one row
 * kept: what a create's name checks need (a row without either is still a decode error).
 * @example
 * OxylabsNamedRow.decode({ id: 12345, username: 'team_a', status: 'maybe' }) // Right: status is not read here
 */
export const OxylabsNamedRow = t.type({ id: SafeId, username: t.string }, 'OxylabsNamedRow')
export type OxylabsNamedRow = t.TypeOf<typeof OxylabsNamedRow>

/**
 * The reply of `GET /users/{userId}/sub-users` read for names (see {@link OxylabsNamedRow}).
 * @example
 * OxylabsNamedRows.decode([{ id: 1, username: 'main_user' }])
 */
export const OxylabsNamedRows = t.array(OxylabsNamedRow, 'OxylabsNamedRows')
export type OxylabsNamedRows = t.TypeOf<typeof OxylabsNamedRows>

/**
 * The list with its rows left undecoded: a read of one sub-user finds its row by id and decodes
 * only that one, so a malformed row of another sub-user does not stop it.
 * @example
 * OxylabsListRows.decode([{ id: 1 }, 'x']) // Right: rows are checked one by one later
 */
export const OxylabsListRows = t.array(t.unknown, 'OxylabsListRows')
export type OxylabsListRows = t.TypeOf<typeof OxylabsListRows>

/**
 * The reply of a create (`201 {"id": 12345}`): the new sub-user's id.
 * @example
 * OxylabsCreated.decode({ id: 12345 })
 */
export const OxylabsCreated = t.type({ id: SafeId }, 'OxylabsCreated')
export type OxylabsCreated = t.TypeOf<typeof OxylabsCreated>

/**
 * Usage stats in the v1 shape (sheet §3.3): the period's total and a map of period
 * (`YYYY-MM-DD`, or `YYYY-MM-DD HH`) to GB.
 * @example
 * OxylabsStatsByPeriod.decode({ traffic: 142.68, traffic_by_period: { '2023-01-25': 120.73, '2023-01-26': 21.95 } })
 */
export const OxylabsStatsByPeriod = t.type({ traffic: NonNegative, traffic_by_period: t.record(t.string, NonNegative) }, 'OxylabsStatsByPeriod')
export type OxylabsStatsByPeriod = t.TypeOf<typeof OxylabsStatsByPeriod>

/**
 * One row of v2 stats `results` (sheet §6.12): a period, named `date` or `period`, and GB.
 * @example
 * OxylabsStatsRow.decode({ date: '2023-01-25', traffic: 120.73 })
 */
export const OxylabsStatsRow = t.intersection(
  [t.type({ traffic: NonNegative }, 'OxylabsStatsRow'), t.union([t.type({ date: t.string }), t.type({ period: t.string })], 'OxylabsStatsRow')],
  'OxylabsStatsRow',
)
export type OxylabsStatsRow = t.TypeOf<typeof OxylabsStatsRow>

/**
 * Usage stats in the v2 shape: the total and rows grouped by period.
 * @example
 * OxylabsStatsResults.decode({ traffic: 142.68, results: [{ date: '2023-01-25', traffic: 120.73 }] })
 */
export const OxylabsStatsResults = t.type({ traffic: NonNegative, results: t.array(OxylabsStatsRow) }, 'OxylabsStatsResults')
export type OxylabsStatsResults = t.TypeOf<typeof OxylabsStatsResults>

/**
 * The reply of `GET /users/{userId}/sub-users/{id}?type=…`, in either shape. Anything else is
 * a decode error.
 * @example
 * OxylabsSubUserStats.is({ traffic: 0, traffic_by_period: {} }) // true
 */
export const OxylabsSubUserStats = t.union([OxylabsStatsByPeriod, OxylabsStatsResults], 'OxylabsSubUserStats')
export type OxylabsSubUserStats = t.TypeOf<typeof OxylabsSubUserStats>

/**
 * A map of day (`YYYY-MM-DD`, a real day) to GB (a number ≥ 0). Checked whole: a key that is
 * not a day fails at the map's path, which never repeats the key.
 * @example
 * OxylabsGbByDay.is({ '2023-01-25': 120.73 }) // true
 * OxylabsGbByDay.is({ '2023-01-25 10': 1 })   // false
 */
export const OxylabsGbByDay = checked(
  'map of YYYY-MM-DD days to non-negative GB',
  (u): u is Readonly<Record<string, number>> =>
    typeof u === 'object' && u !== null && !Array.isArray(u) && Object.entries(u).every(([day, gb]) => parseUtcDay(day) !== undefined && NonNegative.is(gb)),
)
export type OxylabsGbByDay = t.TypeOf<typeof OxylabsGbByDay>

/**
 * Daily usage in the v1 shape, as a `type=custom` read by day gives it (sheet §3.3, §6.12): a
 * map of day (`YYYY-MM-DD`) to GB. The total is not read.
 * @example
 * OxylabsDailyByPeriod.decode({ traffic: 142.68, traffic_by_period: { '2023-01-25': 120.73, '2023-01-26': 21.95 } })
 */
export const OxylabsDailyByPeriod = t.type({ traffic_by_period: OxylabsGbByDay }, 'OxylabsDailyByPeriod')
export type OxylabsDailyByPeriod = t.TypeOf<typeof OxylabsDailyByPeriod>

/**
 * One daily row of v2 `results` (sheet §6.12): the day, named `date` or `period`, and GB.
 * @example
 * OxylabsDailyRow.decode({ period: '2023-01-26', traffic: 21.95 })
 */
export const OxylabsDailyRow = t.intersection(
  [t.type({ traffic: NonNegative }, 'OxylabsDailyRow'), t.union([t.type({ date: UtcDay }), t.type({ period: UtcDay })], 'OxylabsDailyRow')],
  'OxylabsDailyRow',
)
export type OxylabsDailyRow = t.TypeOf<typeof OxylabsDailyRow>

/**
 * Daily usage in the v2 shape: rows of a day and its GB. The total is not read.
 * @example
 * OxylabsDailyResults.decode({ traffic: 142.68, results: [{ date: '2023-01-25', traffic: 120.73 }] })
 */
export const OxylabsDailyResults = t.type({ results: t.array(OxylabsDailyRow) }, 'OxylabsDailyResults')
export type OxylabsDailyResults = t.TypeOf<typeof OxylabsDailyResults>

/**
 * The reply of a `type=custom` stats read by day, in either shape; anything else (a key or a
 * row that is not a day, a figure that is not a number ≥ 0) is a decode error.
 * @example
 * OxylabsDailyStats.is({ traffic: 0, results: [] }) // true
 */
export const OxylabsDailyStats = t.union([OxylabsDailyByPeriod, OxylabsDailyResults], 'OxylabsDailyStats')
export type OxylabsDailyStats = t.TypeOf<typeof OxylabsDailyStats>

/**
 * An error body (sheet §4): `{"error": …}` as documented; `message` and `detail` accepted too.
 * @example
 * OxylabsErrorBody.is({ error: 'Invalid parameters' }) // true
 */
export const OxylabsErrorBody = t.partial({ error: t.string, message: t.string, detail: t.string }, 'OxylabsErrorBody')
export type OxylabsErrorBody = t.TypeOf<typeof OxylabsErrorBody>
