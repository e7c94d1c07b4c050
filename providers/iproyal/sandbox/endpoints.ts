/**
 * The IPRoyal fake's endpoints (vendor sheet §3, §7), each once the request is routed and
 * authenticated, and its sub-user (if any) found. Amounts come in GB and are kept in whole
 * bytes, so the main balance and the allocations add up exactly after any sequence of moves.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'
import { invalid, json, type FieldErrors } from './replies'
import type { FakeStore, StoredSubUser } from './store'
import { bytesToGB, gbToBytes, inputOf, numeric } from './wire'

/**
 * What the endpoints share.
 * @example
 * const ctx: EndpointContext = { store, perPageCap: 20, deleteStatus: 200, accountHash: '01H7YCG0R9GYY1YCPS2S4QA6WB', nextHash }
 */
export interface EndpointContext {
  readonly store: FakeStore
  /** Largest `per_page` honoured; also the default. */
  readonly perPageCap: number
  /** What a delete answers: an empty 200 (default) or 204. */
  readonly deleteStatus: 200 | 204
  /** The account's own hash (`residential_user_hash`). */
  readonly accountHash: string
  readonly nextHash: () => string
}

/**
 * The Subuser resource of a stored sub-user (no `limits`: the documented resource has none).
 * @example
 * renderSubUser(stored) // { id: 1, hash: '01J…', username: 'team_a', password: 'Pw12345678', traffic_available: 10, traffic_used: 0 }
 */
export const renderSubUser = (s: StoredSubUser) => ({
  id: s.id,
  hash: s.hash,
  username: s.username,
  password: s.password,
  traffic_available: bytesToGB(s.availableBytes),
  traffic_used: bytesToGB(s.usedBytes),
})

const LIMIT_KEYS = ['daily_limit', 'monthly_limit', 'lifetime_limit'] as const
const MAX_STRING = 255
const MAX_PASSWORD = 16

/** The rules of one request's fields, Laravel style: each failing field collects its messages. */
const rules = () => {
  const errors: Record<string, string[]> = {}
  // Returns undefined, so that a check can `return fail(...)`.
  const fail = (field: string, text: string): undefined => {
    errors[field] = [...(errors[field] ?? []), text]
    return undefined
  }
  return { errors: errors as FieldErrors, fail, failed: () => Object.keys(errors).length > 0 }
}

/** `username` (required on create, `sometimes` on update): a string of 1 to 255, unique among the account's sub-users. */
const checkUsername = (value: unknown, ctx: EndpointContext, fail: (f: string, t: string) => undefined, self?: string): string | undefined => {
  if (typeof value !== 'string' || value.trim() === '') return fail('username', value === undefined ? 'The username field is required.' : 'The username field must be a string.')
  if (value.length > MAX_STRING) return fail('username', `The username field must not be greater than ${MAX_STRING} characters.`)
  const holder = ctx.store.byUsername(value)
  if (holder !== undefined && holder.hash !== self) return fail('username', 'The username has already been taken.')
  return value
}

/** `password`: a string of 1 to 16 characters. */
const checkPassword = (value: unknown, fail: (f: string, t: string) => undefined): string | undefined => {
  if (typeof value !== 'string' || value === '') return fail('password', value === undefined ? 'The password field is required.' : 'The password field must be a string.')
  if (value.length > MAX_PASSWORD) return fail('password', `The password field must not be greater than ${MAX_PASSWORD} characters.`)
  return value
}

/** A GB amount (`traffic` ≥ 0, `amount` > 0) in whole bytes. */
const checkAmount = (field: 'traffic' | 'amount', value: unknown, fail: (f: string, t: string) => undefined): number | undefined => {
  if (value === undefined || value === null) return fail(field, `The ${field} field is required.`)
  const gb = numeric(value)
  const bytes = gb === undefined ? undefined : gbToBytes(gb)
  if (gb === undefined || bytes === undefined) return fail(field, `The ${field} field must be a number.`)
  if (field === 'traffic' ? gb < 0 : gb <= 0) return fail(field, `The ${field} field must be ${field === 'traffic' ? 'at least 0' : 'greater than 0'}.`)
  return bytes
}

/** `limits`: an object whose documented keys are numbers ≥ 0 or null (others ignored). */
const checkLimits = (value: unknown, fail: (f: string, t: string) => undefined): Readonly<Record<string, number | null>> | null | undefined => {
  if (value === null) return null
  if (typeof value !== 'object' || Array.isArray(value)) return fail('limits', 'The limits field must be an array.')
  const out: Record<string, number | null> = {}
  for (const key of LIMIT_KEYS) {
    const v = (value as Record<string, unknown>)[key]
    if (v === undefined) continue
    const n = v === null ? null : numeric(v)
    if (n === undefined || (n !== null && n < 0)) fail(`limits.${key}`, `The limits.${key} field must be a number of at least 0.`)
    else out[key] = n
  }
  return out
}

const short = (field: string): FieldErrors => ({ [field]: ['Insufficient traffic balance: the main account does not hold that much.'] })

/**
 * `GET /me`: the main balance in GB, the count of sub-users and the account's hash.
 * @example
 * me(ctx).body // { available_traffic: 1000, subusers_count: 0, residential_user_hash: '01H7…' }
 */
export const me = (ctx: EndpointContext): FakeResponse =>
  json(200, { available_traffic: bytesToGB(ctx.store.mainBytes()), subusers_count: ctx.store.all().length, residential_user_hash: ctx.accountHash })

/**
 * `GET /residential-subusers?page=&per_page=&search=`: Laravel's `{data, links, meta}`;
 * `per_page` capped (and defaulted) at the fake's cap, `search` a case-insensitive substring of
 * the username, a page past the end empty.
 * @example
 * list(req, ctx).body // { data: [], links: {…}, meta: { current_page: 1, last_page: 1, per_page: 20, total: 0, … } }
 */
export const list = (req: FakeRequest, ctx: EndpointContext): FakeResponse => {
  const whole = (name: string): number | undefined => {
    const raw = req.query.get(name)
    return raw !== null && /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined
  }
  const page = whole('page') ?? 1
  const perPage = Math.min(whole('per_page') ?? ctx.perPageCap, ctx.perPageCap)
  const search = (req.query.get('search') ?? '').toLowerCase()
  const matching = ctx.store.all().filter((s) => s.username.toLowerCase().includes(search))
  const total = matching.length
  const lastPage = Math.max(1, Math.ceil(total / perPage))
  const start = (page - 1) * perPage
  const data = matching.slice(start, start + perPage).map(renderSubUser)
  const path = `${req.origin}/residential-subusers`
  const at = (n: number) => `${path}?page=${n}`
  return json(200, {
    data,
    links: { first: at(1), last: at(lastPage), prev: page > 1 ? at(page - 1) : null, next: page < lastPage ? at(page + 1) : null },
    meta: { current_page: page, from: data.length === 0 ? null : start + 1, last_page: lastPage, path, per_page: perPage, to: data.length === 0 ? null : start + data.length, total },
  })
}

/**
 * `POST /residential-subusers`: `username`, `password` and `traffic` (GB) required, `limits`
 * optional; the traffic is taken from the main balance (422 when it is short).
 * @example
 * create({ ...req, body: '{"username":"team_a","password":"Pw12345678","traffic":10}' }, ctx).status // 201
 */
export const create = (req: FakeRequest, ctx: EndpointContext): FakeResponse => {
  const input = inputOf(req)
  const { errors, fail, failed } = rules()
  const username = checkUsername(input.username, ctx, fail)
  const password = checkPassword(input.password, fail)
  const traffic = checkAmount('traffic', input.traffic, fail)
  const limits = input.limits === undefined ? null : checkLimits(input.limits, fail)
  if (failed() || username === undefined || password === undefined || traffic === undefined || limits === undefined) return invalid(errors)
  if (traffic > ctx.store.mainBytes()) return invalid(short('traffic'))
  const created = ctx.store.add({ hash: ctx.nextHash(), username, password, availableBytes: traffic, limits })
  return json(201, renderSubUser(created))
}

/**
 * `GET /residential-subusers/{hash}`.
 * @example
 * retrieve(stored).status // 200
 */
export const retrieve = (s: StoredSubUser): FakeResponse => json(200, renderSubUser(s))

/**
 * `PUT /residential-subusers/{hash}`: changes only the keys sent; `traffic` sets
 * `traffic_available` absolutely, moving the difference from or to the main balance (422 when
 * the main balance is short).
 * @example
 * update({ ...req, body: '{"traffic":5}' }, stored, ctx).body // { …, traffic_available: 5 }
 */
export const update = (req: FakeRequest, s: StoredSubUser, ctx: EndpointContext): FakeResponse => {
  const input = inputOf(req)
  const { errors, fail, failed } = rules()
  const username = input.username === undefined ? s.username : checkUsername(input.username, ctx, fail, s.hash)
  const password = input.password === undefined ? s.password : checkPassword(input.password, fail)
  const traffic = input.traffic === undefined ? s.availableBytes : checkAmount('traffic', input.traffic, fail)
  const limits = input.limits === undefined ? s.limits : checkLimits(input.limits, fail)
  if (failed() || username === undefined || password === undefined || traffic === undefined || limits === undefined) return invalid(errors)
  const difference = traffic - s.availableBytes
  if (difference > ctx.store.mainBytes()) return invalid(short('traffic'))
  ctx.store.put(s.hash, { username, password, limits })
  return json(200, renderSubUser(ctx.store.move(s.hash, difference)))
}

/**
 * `DELETE /residential-subusers/{hash}`: what is available returns to the main balance; an
 * empty 200 (or 204, as configured).
 * @example
 * destroy(stored, ctx) // { status: 200 }
 */
export const destroy = (s: StoredSubUser, ctx: EndpointContext): FakeResponse => {
  ctx.store.remove(s.hash)
  return { status: ctx.deleteStatus }
}

/**
 * `POST /residential-subusers/{hash}/give-traffic` and `/take-traffic` with `{amount}` (GB,
 * > 0): a give is refused (422) when the main balance is short, a take when it is more than
 * the sub-user has available.
 * @example
 * move('give', { ...req, body: '{"amount":5}' }, stored, ctx).body // { …, traffic_available: 15 }
 */
export const move = (direction: 'give' | 'take', req: FakeRequest, s: StoredSubUser, ctx: EndpointContext): FakeResponse => {
  const { errors, fail, failed } = rules()
  const amount = checkAmount('amount', inputOf(req).amount, fail)
  if (failed() || amount === undefined) return invalid(errors)
  if (direction === 'give' && amount > ctx.store.mainBytes()) return invalid(short('amount'))
  if (direction === 'take' && amount > s.availableBytes) return invalid({ amount: ['The amount may not be greater than the traffic the sub-user has available.'] })
  return json(200, renderSubUser(ctx.store.move(s.hash, direction === 'give' ? amount : -amount)))
}

/**
 * `DELETE /sessions` with `{"residential_user_hashes": [...]}`: every hash must be the
 * account's or one of its sub-users'; 200, empty. `reset` records the hashes.
 * @example
 * resetSessions({ ...req, body: '{"residential_user_hashes":["01J…"]}' }, ctx, record).status // 200
 */
export const resetSessions = (req: FakeRequest, ctx: EndpointContext, reset: (hashes: ReadonlyArray<string>) => void): FakeResponse => {
  const hashes = inputOf(req).residential_user_hashes
  if (!Array.isArray(hashes) || hashes.length === 0) return invalid({ residential_user_hashes: ['The residential user hashes field is required.'] })
  const unknown = hashes.findIndex((h) => typeof h !== 'string' || (h !== ctx.accountHash && ctx.store.get(h) === undefined))
  if (unknown >= 0) return invalid({ [`residential_user_hashes.${unknown}`]: ['The selected hash is invalid.'] })
  reset(hashes as string[])
  return { status: 200 }
}

/** The entry nodes of vendor sheet §8 (documentation addresses for the IPs). */
const ENTRY_NODES = ['geo.iproyal.com', 'proxy.iproyal.com', 'us.proxy.iproyal.com', 'sg.proxy.iproyal.com'].map((dns, i) => ({
  dns,
  ips: [`192.0.2.${i + 10}`],
  ports: [
    { name: 'http|https', port: 12321, alternative_ports: [11200 + i, 11300 + i] },
    { name: 'socks5', port: 32325, alternative_ports: [51200 + i, 51300 + i] },
  ],
}))

/**
 * `GET /access/entry-nodes`: the gateways and their ports.
 * @example
 * entryNodes().body // [{ dns: 'geo.iproyal.com', ips: [...], ports: [{ name: 'http|https', port: 12321, … }, …] }, …]
 */
export const entryNodes = (): FakeResponse => json(200, ENTRY_NODES)
