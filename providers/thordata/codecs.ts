/**
 * io-ts codecs for Thordata's proxy-users API replies. Tolerant: unknown
 * fields pass; only what the adapter reads is checked.
 */
import * as t from 'io-ts'
import { nullable } from '../../src/codecs'

/**
 * Thordata's sub-user status, read leniently: the docs show strings, booleans
 * and (on another API) 1/-2. Anything else is a decode error at its path.
 * @example
 * decodeWith(ThordataStatus, 'thordata', 'get')('false') // Right(false)
 */
export const ThordataStatus = new t.Type<boolean, boolean, unknown>(
  'true | false | "true" | "false" | 1 | "1" | 0 | "0" | -2 | "-2"',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => {
    if (u === true || u === 'true' || u === 1 || u === '1') return t.success(true)
    if (u === false || u === 'false' || u === -2 || u === '-2' || u === 0 || u === '0') return t.success(false)
    return t.failure(u, c)
  },
  (a) => a,
)
export type ThordataStatus = t.TypeOf<typeof ThordataStatus>

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
        traffic_limit: t.number,
      },
      'ThordataUser',
    ),
    t.partial(
      {
        usage_traffic: nullable(t.number),
        created_time: nullable(t.string),
      },
      'ThordataUser',
    ),
  ],
  'ThordataUser',
)
export type ThordataUser = t.TypeOf<typeof ThordataUser>

/**
 * The `data` of `user-list`: the users, or (as some replies do) the array under `data.data`.
 * @example
 * decodeWith(ThordataUserList, 'thordata', 'list')({ limit: 100, remaining_limit: 99, user_count: 1, list: [user] })
 */
export const ThordataUserList = t.partial(
  {
    limit: t.number,
    remaining_limit: t.number,
    user_count: t.number,
    list: t.array(ThordataUser),
    data: t.array(ThordataUser),
  },
  'ThordataUserList',
)
export type ThordataUserList = t.TypeOf<typeof ThordataUserList>

/**
 * The `data` of `usage-statistics`; traffic in KiB.
 * @example
 * decodeWith(ThordataUsage, 'thordata', 'refresh')({ total_usage_traffic: 20480 })
 */
export const ThordataUsage = t.type({ total_usage_traffic: t.number }, 'ThordataUsage')
export type ThordataUsage = t.TypeOf<typeof ThordataUsage>

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
