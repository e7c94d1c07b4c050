/**
 * The Webshare fake's endpoints (vendor sheet §3, §7), each once the request
 * is routed, authenticated, permitted and admitted by the throttle, and its
 * sub-user (if any) found in the request's plan.
 */
import type { FakeRequest, FakeResponse } from '../../../src/adapter'
import { paginate, type PageSettings } from './pagination'
import { fieldErrors, invalidPage, json, noContent, type FieldErrorShape } from './replies'
import { renderSubUser } from './representation'
import type { StoredSubUser, SubUserStore } from './store'
import { validateWrite, type WritableValues } from './validation'
import { readData } from './wire'

/**
 * What the endpoints share: the state, the clock and the fake's settings.
 * @example
 * const ctx: EndpointContext = { store, now: Date.now, pages: { defaultSize: 25, maxSize: 100 }, subusersTotal: 10, fieldErrorShape: 'objects', proxyLogin: () => ({ username: 'xkqzjhpt', password: 'b7k2m9q4w1z8' }) }
 */
export interface EndpointContext {
  readonly store: SubUserStore
  readonly now: () => number
  readonly pages: PageSettings
  /** Sub-users allowed per plan. */
  readonly subusersTotal: number
  readonly fieldErrorShape: FieldErrorShape
  /** A new sub-user's proxy login. */
  readonly proxyLogin: () => { readonly username: string; readonly password: string }
}

const DEFAULT_MAX_THREAD_COUNT = 500

/**
 * `GET /api/v2/subuser/`: one page of the plan's sub-users, by id.
 * @example
 * list(req, null, ctx).body // { count: 0, next: null, previous: null, results: [] }
 */
export const list = (req: FakeRequest, planId: string | null, ctx: EndpointContext): FakeResponse => {
  const page = paginate(req, ctx.store.inPlan(planId), ctx.pages)
  return page === undefined ? invalidPage() : json(200, { ...page, results: page.results.map(renderSubUser) })
}

/**
 * `POST /api/v2/subuser/`: 201 with the new sub-user. Field errors come
 * first, then the plan's quota (`non_field_errors`, `subuser_limit_reached`).
 * Defaults: `proxy_limit` 0, `proxy_countries` null, `max_thread_count` 500,
 * `bandwidth_use_start_date` now.
 * @example
 * create({ ...req, body: '{"label":"team-a"}' }, null, ctx).status // 201
 */
export const create = (req: FakeRequest, planId: string | null, ctx: EndpointContext): FakeResponse =>
  withValues(req, 'create', ctx, (values) => {
    if (ctx.store.countInPlan(planId) >= ctx.subusersTotal) {
      return fieldErrors(
        { non_field_errors: [{ message: 'You have reached the maximum number of sub-users allowed by your plan.', code: 'subuser_limit_reached' }] },
        ctx.fieldErrorShape,
      )
    }
    const at = ctx.now()
    const login = ctx.proxyLogin()
    const created = ctx.store.add({
      planId,
      label: values.label ?? '',
      proxyLimit: values.proxy_limit ?? 0,
      maxThreadCount: values.max_thread_count ?? DEFAULT_MAX_THREAD_COUNT,
      proxyCountries: values.proxy_countries ?? null,
      bandwidthTotal: 0,
      hourly: new Map(),
      proxyUsername: login.username,
      proxyPassword: login.password,
      createdAt: at,
      updatedAt: at,
      bandwidthUseStartDate: values.bandwidth_use_start_date ?? at,
      refreshes: 0,
    })
    return json(201, renderSubUser(created))
  })

/**
 * `GET /api/v2/subuser/{id}/`.
 * @example
 * retrieve(stored).status // 200
 */
export const retrieve = (s: StoredSubUser): FakeResponse => json(200, renderSubUser(s))

/**
 * `PATCH /api/v2/subuser/{id}/`: changes only the keys sent (`proxy_countries:
 * null` clears the custom list) and stamps `updated_at`.
 * @example
 * update({ ...req, body: '{"proxy_countries":null}' }, stored, ctx).status // 200
 */
export const update = (req: FakeRequest, s: StoredSubUser, ctx: EndpointContext): FakeResponse =>
  withValues(req, 'update', ctx, (values) => {
    const updated: StoredSubUser = {
      ...s,
      label: values.label ?? s.label,
      proxyLimit: values.proxy_limit ?? s.proxyLimit,
      maxThreadCount: values.max_thread_count ?? s.maxThreadCount,
      proxyCountries: values.proxy_countries === undefined ? s.proxyCountries : values.proxy_countries,
      bandwidthUseStartDate: values.bandwidth_use_start_date ?? s.bandwidthUseStartDate,
      updatedAt: ctx.now(),
    }
    ctx.store.put(updated)
    return json(200, renderSubUser(updated))
  })

/**
 * `DELETE /api/v2/subuser/{id}/`: 204, empty; the id is never given again.
 * @example
 * destroy(stored, ctx) // { status: 204 }
 */
export const destroy = (s: StoredSubUser, ctx: EndpointContext): FakeResponse => {
  ctx.store.remove(s.id)
  return noContent()
}

/**
 * `POST /api/v2/subuser/{id}/refresh/` (any body ignored): 200 with the
 * sub-user once its custom proxy list is renewed; 400 `non_field_errors` when
 * it has none (`proxy_countries` null).
 * @example
 * refresh({ ...stored, proxyCountries: null }, ctx).status // 400
 */
export const refresh = (s: StoredSubUser, ctx: EndpointContext): FakeResponse => {
  if (s.proxyCountries === null) {
    return fieldErrors(
      { non_field_errors: [{ message: 'This sub-user has no custom proxy list to refresh (proxy_countries is not set).', code: 'invalid' }] },
      ctx.fieldErrorShape,
    )
  }
  const refreshed = { ...s, refreshes: s.refreshes + 1 }
  ctx.store.put(refreshed)
  return json(200, renderSubUser(refreshed))
}

/** Reads and validates the body, then runs `apply` with the valid values. */
const withValues = (
  req: FakeRequest,
  mode: 'create' | 'update',
  ctx: EndpointContext,
  apply: (values: WritableValues) => FakeResponse,
): FakeResponse => {
  const read = readData(req)
  if ('reply' in read) return read.reply
  const checked = validateWrite(read.data, mode)
  return 'problems' in checked ? fieldErrors(checked.problems, ctx.fieldErrorShape) : apply(checked.values)
}
