/**
 * The Oxylabs fake's sub-user endpoints (vendor sheet §3, §7), each once the request is
 * routed, authenticated and its user id checked.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'
import { renderRow, type StoredSubUser, type SubUserStore } from './store'
import { failure, jsonObject } from './wire'

/**
 * What the endpoints share: the state, the clock and the fake's switches.
 * @example
 * const ctx: EndpointContext = { store, now: Date.now, maxSubUsers: 10, listMainUser: () => true, omitDisabled: () => false, patchApplies: () => true }
 */
export interface EndpointContext {
  readonly store: SubUserStore
  readonly now: () => number
  /** Sub-users allowed, the main user not counted. */
  readonly maxSubUsers: number
  readonly listMainUser: () => boolean
  readonly omitDisabled: () => boolean
  /** false: a PATCH answers 200 without applying anything (the fault a third party saw, sheet §5). */
  readonly patchApplies: () => boolean
}

const USERNAME = /^[A-Za-z0-9_]+$/

const passwordOk = (p: unknown): boolean =>
  typeof p === 'string' && p.length >= 12 && p.length <= 64 && /[a-z]/.test(p) && /[A-Z]/.test(p) && /\d/.test(p) && /[#_~+=]/.test(p)

type Checked<A> = { readonly value: A } | { readonly problem: string }

const limitOf = (v: unknown): Checked<number | null> =>
  v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0) ? { value: v as number | null } : { problem: 'traffic_limit must be null (unlimited) or a number of GB ≥ 0' }
const flagOf = (key: string, v: unknown): Checked<boolean> => (typeof v === 'boolean' ? { value: v } : { problem: `${key} must be true or false` })

/**
 * `GET …/sub-users`: a bare array of rows, the main user first unless switched off, disabled
 * ones left out when switched on.
 * @example
 * list(ctx).body // [{ id: 1, username: 'sandbox_main_user', ... }]
 */
export const list = (ctx: EndpointContext): FakeResponse => ({
  status: 200,
  body: ctx.store
    .all()
    .filter((u) => (ctx.listMainUser() || !u.main) && (!ctx.omitDisabled() || u.status === 'active'))
    .map(renderRow),
})

/**
 * `POST …/sub-users`: 201 `{"id": n}`. 400 for a bad username or password, a bad optional
 * field, a username already held, or the sub-user maximum reached. Left out, `traffic_limit`
 * is unlimited and `lifetime` and `auto_disable` are false (the vendor's own defaults are
 * undocumented).
 * @example
 * create({ ...req, body: '{"username":"team_a","password":"Strong_Password#209"}' }, ctx) // { status: 201, body: { id: 2 } }
 */
export const create = (req: FakeRequest, ctx: EndpointContext): FakeResponse => {
  const read = jsonObject(req)
  if ('reply' in read) return read.reply
  const b = read.data
  if (typeof b.username !== 'string' || !USERNAME.test(b.username)) return failure(400, 'Invalid parameters: username must hold letters, digits and underscores only')
  if (!passwordOk(b.password)) return failure(400, 'Invalid parameters: password must be 12 to 64 characters with a lowercase letter, an uppercase letter, a digit and one of #_~+=')
  const limit = b.traffic_limit === undefined ? { value: null } : limitOf(b.traffic_limit)
  const lifetime = b.lifetime === undefined ? { value: false } : flagOf('lifetime', b.lifetime)
  const autoDisable = b.auto_disable === undefined ? { value: false } : flagOf('auto_disable', b.auto_disable)
  for (const c of [limit, lifetime, autoDisable]) if ('problem' in c) return failure(400, `Invalid parameters: ${c.problem}`)
  if (ctx.store.byUsername(b.username) !== undefined) return failure(400, 'Invalid parameters: username is already taken')
  if (ctx.store.subUserCount() >= ctx.maxSubUsers) return failure(400, 'User has reached the maximum number of sub users')
  const created = ctx.store.add({
    main: false,
    username: b.username,
    password: b.password as string,
    status: 'active',
    createdAt: ctx.now(),
    trafficGb: 0,
    trafficLimitGb: (limit as { value: number | null }).value,
    lifetime: (lifetime as { value: boolean }).value,
    autoDisable: (autoDisable as { value: boolean }).value,
    usage: [],
  })
  return { status: 201, body: { id: created.id } }
}

/**
 * `PATCH …/sub-users/{id}`: applies only the keys sent (`traffic_limit: null` → unlimited;
 * unknown keys such as `username` ignored) and answers 200 with an empty body; 400 for a bad
 * value (nothing applied). With the fault switch on, answers 200 and applies nothing.
 * @example
 * update({ ...req, body: '{"status":"disabled"}' }, stored, ctx) // { status: 200 }
 */
export const update = (req: FakeRequest, user: StoredSubUser, ctx: EndpointContext): FakeResponse => {
  const read = jsonObject(req)
  if ('reply' in read) return read.reply
  const b = read.data
  const has = (key: string) => Object.prototype.hasOwnProperty.call(b, key)
  if (has('password') && !passwordOk(b.password)) return failure(400, 'Invalid parameters: password must be 12 to 64 characters with a lowercase letter, an uppercase letter, a digit and one of #_~+=')
  if (has('status') && b.status !== 'active' && b.status !== 'disabled') return failure(400, 'Invalid parameters: status must be active or disabled')
  const limit = has('traffic_limit') ? limitOf(b.traffic_limit) : undefined
  const lifetime = has('lifetime') ? flagOf('lifetime', b.lifetime) : undefined
  const autoDisable = has('auto_disable') ? flagOf('auto_disable', b.auto_disable) : undefined
  for (const c of [limit, lifetime, autoDisable]) if (c !== undefined && 'problem' in c) return failure(400, `Invalid parameters: ${c.problem}`)
  if (!ctx.patchApplies()) return { status: 200 }
  const value = <A>(c: Checked<A> | undefined, held: A): A => (c !== undefined && 'value' in c ? c.value : held)
  ctx.store.put({
    ...user,
    password: has('password') ? (b.password as string) : user.password,
    status: has('status') ? (b.status as 'active' | 'disabled') : user.status,
    trafficLimitGb: value(limit, user.trafficLimitGb),
    lifetime: value(lifetime, user.lifetime),
    autoDisable: value(autoDisable, user.autoDisable),
  })
  return { status: 200 }
}

/**
 * `DELETE …/sub-users/{id}`: 204, empty; the id is never given again.
 * @example
 * destroy(stored, ctx) // { status: 204 }
 */
export const destroy = (user: StoredSubUser, ctx: EndpointContext): FakeResponse => {
  ctx.store.remove(user.id)
  return { status: 204 }
}
