/**
 * The five proxy-users endpoints of the Thordata fake (vendor sheet §3, §7),
 * each acting on one `proxy_type` namespace with already-authenticated,
 * already-parsed parameters.
 */
import type { FakeResponse } from '../../../src/adapter'
import { thordataReply } from './codes'
import type { Namespace, StoredUser } from './store'
import { dayOf, parseDay, parseStatus, parseTrafficLimit, PASSWORD, USERNAME } from './wire'

/**
 * What the endpoints need besides the namespace and the parameters.
 * @example
 * const ctx: EndpointContext = { userLimit: 100, today: '2025-03-02', statusAsString: false }
 */
export interface EndpointContext {
  readonly userLimit: number
  /** The current UTC day, `yyyy-mm-dd`. */
  readonly today: string
  readonly statusAsString: boolean
}

const DAY_MS = 86_400_000
const MAX_RANGE_DAYS = 180
const KIB_PER_MIB = 1024

/**
 * `GET /proxy-users/user-list`: every user of the type, passwords in clear, no paging.
 * @example
 * userList(ns, new URLSearchParams(), ctx).body // { code: 200, msg: 'ok', data: { limit: 100, remaining_limit: 100, user_count: 0, list: [] } }
 */
export const userList = (ns: Namespace, _params: URLSearchParams, ctx: EndpointContext): FakeResponse =>
  thordataReply('ok', {
    limit: ctx.userLimit,
    remaining_limit: Math.max(0, ctx.userLimit - ns.size),
    user_count: ns.size,
    list: [...ns.values()].map((u) => ({
      username: u.username,
      password: u.password,
      status: ctx.statusAsString ? String(u.status) : u.status,
      traffic_limit: u.traffic_limit,
      usage_traffic: u.usage_kib,
      created_time: u.created_time,
    })),
  })

/**
 * `POST /proxy-users/create-user`: every field required; 10000, 10015, 10016, 10018, 10019.
 * @example
 * createUser(ns, new URLSearchParams('username=alice001&password=Pw12345a&traffic_limit=0&status=true'), ctx)
 */
export const createUser = (ns: Namespace, params: URLSearchParams, ctx: EndpointContext): FakeResponse => {
  const username = params.get('username')
  const password = params.get('password')
  const status = parseStatus(params.get('status'))
  const trafficLimit = parseTrafficLimit(params.get('traffic_limit'))
  if (username === null || password === null || status === undefined || trafficLimit === undefined) return thordataReply('parameter')
  if (!USERNAME.test(username)) return thordataReply('username')
  if (!PASSWORD.test(password)) return thordataReply('password')
  if (ns.has(username)) return thordataReply('exists')
  if (ns.size >= ctx.userLimit) return thordataReply('userLimit')
  ns.set(username, { username, password, status, traffic_limit: trafficLimit, usage_kib: 0, created_time: ctx.today, daily: new Map() })
  return thordataReply('ok')
}

/**
 * `POST /proxy-users/update-user`: every `new_*` field required (sheet §6.5);
 * 10000, 10015, 10016, 10018 (rename onto an existing name), 10020.
 * @example
 * updateUser(ns, new URLSearchParams('username=alice001&new_username=alice002&new_password=Pw12345a&new_traffic_limit=0&new_status=true'), ctx)
 */
export const updateUser = (ns: Namespace, params: URLSearchParams, _ctx: EndpointContext): FakeResponse => {
  const username = params.get('username')
  const newUsername = params.get('new_username')
  const newPassword = params.get('new_password')
  const newStatus = parseStatus(params.get('new_status'))
  const newLimit = parseTrafficLimit(params.get('new_traffic_limit'))
  if (username === null || newUsername === null || newPassword === null || newStatus === undefined || newLimit === undefined) {
    return thordataReply('parameter')
  }
  const current = ns.get(username)
  if (current === undefined) return thordataReply('noSuchUser')
  if (!USERNAME.test(newUsername)) return thordataReply('username')
  if (!PASSWORD.test(newPassword)) return thordataReply('password')
  if (newUsername !== username && ns.has(newUsername)) return thordataReply('exists')
  const updated: StoredUser = { ...current, username: newUsername, password: newPassword, status: newStatus, traffic_limit: newLimit }
  if (newUsername === username) {
    ns.set(username, updated)
  } else {
    ns.delete(username)
    ns.set(newUsername, updated)
  }
  return thordataReply('ok')
}

/**
 * `POST /proxy-users/delete-user`: 10000 without a username, 10020 for an unknown one.
 * @example
 * deleteUser(ns, new URLSearchParams('username=alice001'), ctx)
 */
export const deleteUser = (ns: Namespace, params: URLSearchParams, _ctx: EndpointContext): FakeResponse => {
  const username = params.get('username')
  if (username === null) return thordataReply('parameter')
  return ns.delete(username) ? thordataReply('ok') : thordataReply('noSuchUser')
}

/**
 * `GET /proxy-users/usage-statistics`: usage of one or more (comma-separated)
 * users in KiB, one row per day; 10000 for a missing or malformed parameter,
 * 10021 for dates more than 180 days apart, 10020 for an unknown user.
 * @example
 * usageStatistics(ns, new URLSearchParams('username=alice001&from_date=2025-03-02&to_date=2025-03-02'), ctx)
 */
export const usageStatistics = (ns: Namespace, params: URLSearchParams, _ctx: EndpointContext): FakeResponse => {
  const names = (params.get('username') ?? '').split(',').filter((name) => name !== '')
  const from = parseDay(params.get('from_date'))
  const to = parseDay(params.get('to_date'))
  if (names.length === 0 || from === undefined || to === undefined || to < from) return thordataReply('parameter')
  if ((to - from) / DAY_MS > MAX_RANGE_DAYS) return thordataReply('range')
  const users = names.map((name) => ns.get(name))
  if (!users.every((u): u is StoredUser => u !== undefined)) return thordataReply('noSuchUser')
  const rows = Array.from({ length: (to - from) / DAY_MS + 1 }, (_, i) => {
    const date = dayOf(from + i * DAY_MS)
    return { date, usage_traffic: users.reduce((sum, u) => sum + (u.daily.get(date) ?? 0), 0) }
  })
  const limitKib = users.reduce((sum, u) => sum + u.traffic_limit * KIB_PER_MIB, 0)
  const totalKib = users.reduce((sum, u) => sum + u.usage_kib, 0)
  return thordataReply('ok', {
    traffic_limit: limitKib,
    total_usage_traffic: totalKib,
    traffic_balance: Math.max(0, limitKib - totalKib),
    query_days: rows.length,
    range_usage_traffic: rows.reduce((sum, row) => sum + row.usage_traffic, 0),
    data: rows,
  })
}
