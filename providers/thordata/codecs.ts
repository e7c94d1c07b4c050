/**
 * io-ts codecs for Thordata's proxy-users API replies. Tolerant: unknown
 * fields pass; only what the adapter reads is checked.
 */
import * as t from 'io-ts'
import { NonNegative, UtcDay, checked, nullable } from '../../src/adapter'

const ACTIVE: ReadonlySet<unknown> = new Set([true, 'true', 1, '1'])
const DISABLED: ReadonlySet<unknown> = new Set([false, 'false', -2, '-2', 0, '0'])

/**
 * Thordata's sub-user status as the vendor writes it, read leniently: the docs
 * show strings, booleans and (on another API) 1/-2. Anything else is a decode
 * error at its path. The value is checked, not converted (`isActive`
 * reads it), so decoding a user list copies no user.
 * @example
 * decodeWith(ThordataStatus, 'thordata', 'get')('false') // Right('false')
 */
export const ThordataStatus = checked(
  'true | false | "true" | "false" | 1 | "1" | 0 | "0" | -2 | "-2"',
  (u): u is ThordataStatus => ACTIVE.has(u) || DISABLED.has(u),
)
export type ThordataStatus = boolean | 'true' | 'false' | 1 | '1' | 0 | '0' | -2 | '-2'

/**
 * Whether a decoded status means active.
 * @example
 * isActive('1') // true
 * isActive(-2)  // false
 */
export const isActive = (status: ThordataStatus): boolean => ACTIVE.has(status)

/**
 * One sub-user in `user-list`.
 * @example
 * const u: ThordataUser = { username: 'alice01', password: 'Pw12345a', status: true, traffic_limit: 500, usage_traffic: 20480, created_time: '2025-03-01' }
 */
export const ThordataUser = t.intersection(
  [
    t.type(
      {
        username: t.string,
        password: t.string,
        status: ThordataStatus,
        traffic_limit: NonNegative,
      },
      'ThordataUser',
    ),
    t.partial(
      {
        usage_traffic: nullable(NonNegative),
        created_time: nullable(t.string),
      },
      'ThordataUser',
    ),
  ],
  'ThordataUser',
)
export type ThordataUser = t.TypeOf<typeof ThordataUser>

/** A `user-list` data codec whose users are decoded with `user`. */
const userListOf = <C extends t.Mixed>(user: C) =>
  t.partial({ limit: NonNegative, remaining_limit: NonNegative, user_count: NonNegative, list: t.array(user), data: t.array(user) }, 'ThordataUserList')

/**
 * The `data` of `user-list`: the users, or (as some replies do) the array under `data.data`.
 * @example
 * decodeWith(ThordataUserList, 'thordata', 'list')({ limit: 100, remaining_limit: 99, user_count: 1, list: [user] })
 */
export const ThordataUserList = userListOf(ThordataUser)
export type ThordataUserList = t.TypeOf<typeof ThordataUserList>

/**
 * The `data` of `user-list` with the users left undecoded, for reading one
 * user: only that one is decoded (with {@link ThordataUser}).
 * @example
 * decodeWith(ThordataRawUserList, 'thordata', 'get')({ user_count: 1, list: [{}] }) // Right (the user is not looked at)
 */
export const ThordataRawUserList = userListOf(t.unknown)
export type ThordataRawUserList = t.TypeOf<typeof ThordataRawUserList>

/**
 * The `data` of `usage-statistics`; traffic in KiB.
 * @example
 * decodeWith(ThordataUsage, 'thordata', 'refresh')({ total_usage_traffic: 20480 })
 */
export const ThordataUsage = t.type({ total_usage_traffic: NonNegative }, 'ThordataUsage')
export type ThordataUsage = t.TypeOf<typeof ThordataUsage>

/**
 * One daily row of `usage-statistics`: the day and its traffic in KiB.
 * @example
 * decodeWith(ThordataUsageDay, 'thordata', 'usage')({ date: '2025-03-02', usage_traffic: 1024 })
 */
export const ThordataUsageDay = t.type({ date: UtcDay, usage_traffic: NonNegative }, 'ThordataUsageDay')
export type ThordataUsageDay = t.TypeOf<typeof ThordataUsageDay>

/**
 * The `data` of `usage-statistics` as `usage` reads it: the daily rows (`data.data`).
 * @example
 * decodeWith(ThordataDailyUsage, 'thordata', 'usage')({ total_usage_traffic: 1024, data: [{ date: '2025-03-02', usage_traffic: 1024 }] })
 */
export const ThordataDailyUsage = t.type({ data: t.array(ThordataUsageDay) }, 'ThordataDailyUsage')
export type ThordataDailyUsage = t.TypeOf<typeof ThordataDailyUsage>

/**
 * A successful reply carrying `data` of the given codec (paths then start at `data.`).
 * @example
 * decodeWith(ThordataReply(ThordataUsage), 'thordata', 'refresh')({ code: 200, data: { total_usage_traffic: 1 } })
 */
export const ThordataReply = <C extends t.Mixed>(data: C) => t.type({ data })

/**
 * Every reply's envelope: success or failure is decided by `code`.
 * @example
 * decodeWith(ThordataEnvelope, 'thordata', 'list')({ code: 200, msg: 'ok', data: {} })
 */
export const ThordataEnvelope = t.intersection(
  [t.type({ code: t.number }, 'ThordataEnvelope'), t.partial({ msg: t.unknown, data: t.unknown }, 'ThordataEnvelope')],
  'ThordataEnvelope',
)
export type ThordataEnvelope = t.TypeOf<typeof ThordataEnvelope>
