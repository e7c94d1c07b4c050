/**
 * A stateful, in-memory fake of Webshare's v2 sub-user API (vendor sheet §7).
 * Pure: no sockets, no timers; the sandbox server or a mock adapter drives it.
 */
import type { FakeRequest, FakeResponse, VendorFake } from '../../../src/sandbox/types'

/** The sandbox's fake API key (not a real credential). @example WEBSHARE_SANDBOX_API_KEY */
export const WEBSHARE_SANDBOX_API_KEY = 'sandbox-webshare-api-key'

/**
 * Options of the Webshare fake.
 * @example
 * createWebshareFake({ requestsPerMinute: 60, subusersTotal: 3 })
 */
export interface WebshareFakeOptions {
  readonly apiKey?: string
  /** Requests per token in any 60 s window before 429 (default 240). */
  readonly requestsPerMinute?: number
  /** Send `Retry-After` with a 429 (default true). */
  readonly retryAfter?: boolean
  /** Largest page_size honoured (default 100). */
  readonly pageSizeCap?: number
  /** The plan's sub-user quota (default 1,000,000). */
  readonly subusersTotal?: number
  /** Field errors as lists of objects (live API, default) or of strings (docs). */
  readonly fieldErrorShape?: 'objects' | 'strings'
  /** false: every call is 403, as for an account without sub-user API access. */
  readonly subuserAccess?: boolean
  readonly now?: () => number
}

/**
 * One stored sub-user, as the fake keeps it.
 * @example
 * fake.control.subusers()[0]?.proxy_limit
 */
export interface WebshareFakeSubUser {
  readonly id: number
  readonly plan: string
  readonly label: string
  readonly proxy_limit: number
  readonly max_thread_count: number
  readonly proxy_countries: Readonly<Record<string, number>> | null
  readonly bandwidth_total: number
  readonly created_at: number
  readonly updated_at: number
  readonly bandwidth_use_start_date: number
}

/**
 * Test-only controls of the Webshare fake.
 * @example
 * fake.control.setUsage(1, 73_400_320)
 */
export interface WebshareFakeControl {
  subusers(): ReadonlyArray<WebshareFakeSubUser>
  /** Sets `bandwidth_total` in bytes; false when there is no such sub-user. */
  setUsage(id: number, bytes: number): boolean
  setSubuserAccess(on: boolean): void
  reset(): void
}

/**
 * The fake, with its credential and controls.
 * @example
 * const fake = createWebshareFake(); fake.handle(request)
 */
export interface WebshareFake extends VendorFake {
  readonly apiKey: string
  readonly control: WebshareFakeControl
}

const WINDOW_MS = 60_000
const DEFAULT_PAGE_SIZE = 25
const DEFAULT_THREADS = 500
const LIST = /^\/api\/v2\/subuser\/$/
const ITEM = /^\/api\/v2\/subuser\/(\d+)\/$/
const REFRESH = /^\/api\/v2\/subuser\/(\d+)\/refresh\/$/

/** Django REST framework's datetime: microseconds and an offset. */
const isoMicro = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}000+00:00`
const addMonth = (ms: number) => {
  const d = new Date(ms)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return d.getTime()
}

type Problems = Record<string, Array<{ message: string; code: string }>>

/**
 * Creates a Webshare fake with empty state.
 * @example
 * const fake = createWebshareFake({ requestsPerMinute: 240 })
 */
export const createWebshareFake = (options: WebshareFakeOptions = {}): WebshareFake => {
  const apiKey = options.apiKey ?? WEBSHARE_SANDBOX_API_KEY
  const now = options.now ?? Date.now
  const rpm = options.requestsPerMinute ?? 240
  const cap = options.pageSizeCap ?? 100
  const quota = options.subusersTotal ?? 1_000_000
  let access = options.subuserAccess ?? true
  let subusers = new Map<number, WebshareFakeSubUser>()
  let nextId = 1
  let requestSeq = 0
  let calls = new Map<string, number[]>()

  const respond = (status: number, body?: unknown, headers: Record<string, string> = {}): FakeResponse => ({
    status,
    headers: { 'X-Request-ID': `sandbox-${++requestSeq}`, ...headers },
    ...(body === undefined ? {} : { body }),
  })
  const fieldErrors = (problems: Problems): FakeResponse =>
    respond(400, Object.fromEntries(Object.entries(problems).map(([k, list]) => [k, options.fieldErrorShape === 'strings' ? list.map((p) => p.message) : list])))

  const view = (s: WebshareFakeSubUser) => ({
    id: s.id,
    label: s.label,
    proxy_countries: s.proxy_countries,
    proxy_limit: s.proxy_limit,
    max_thread_count: s.max_thread_count,
    aggregate_stats: {
      bandwidth_total: s.bandwidth_total,
      bandwidth_projected: null,
      bandwidth_average: null,
      requests_total: 0,
      requests_successful: 0,
      requests_failed: 0,
      number_of_proxies_used: 0,
      countries_used: {},
      protocols_used: {},
      error_reasons: [],
      average_concurrency: null,
      average_rps: null,
      last_request_sent_at: null,
    },
    created_at: isoMicro(s.created_at),
    updated_at: isoMicro(s.updated_at),
    bandwidth_use_start_date: isoMicro(s.bandwidth_use_start_date),
    bandwidth_use_end_date: isoMicro(addMonth(s.bandwidth_use_start_date)),
  })

  /** Checks the writable fields present in `body`; `creating` requires `label`. */
  const validate = (body: Record<string, unknown>, creating: boolean): Problems => {
    const problems: Problems = {}
    const add = (field: string, message: string, code: string) => (problems[field] ??= []).push({ message, code })
    if ('label' in body) {
      if (typeof body.label !== 'string') add('label', 'Not a valid string.', 'invalid')
      else if (body.label.trim() === '') add('label', 'This field may not be blank.', 'blank')
      else if (body.label.length > 255) add('label', 'Ensure this field has no more than 255 characters.', 'max_length')
    } else if (creating) add('label', 'This field is required.', 'required')
    if ('proxy_limit' in body) {
      if (typeof body.proxy_limit !== 'number' || !Number.isFinite(body.proxy_limit)) add('proxy_limit', 'A valid number is required.', 'invalid')
      else if (body.proxy_limit < 0) add('proxy_limit', 'Ensure this value is greater than or equal to 0.', 'min_value')
    }
    if ('max_thread_count' in body) {
      const v = body.max_thread_count
      if (typeof v !== 'number' || !Number.isInteger(v)) add('max_thread_count', 'A valid integer is required.', 'invalid')
      else if (v < 1) add('max_thread_count', 'Ensure this value is greater than or equal to 1.', 'min_value')
    }
    if ('proxy_countries' in body && body.proxy_countries !== null) {
      const v = body.proxy_countries
      const ok =
        typeof v === 'object' && !Array.isArray(v) &&
        Object.entries(v as Record<string, unknown>).every(([c, n]) => /^[A-Z]{2}$/.test(c) && typeof n === 'number' && Number.isInteger(n) && n >= 0)
      if (!ok) add('proxy_countries', 'Expected a dictionary of country codes to proxy counts.', 'invalid')
    }
    if ('bandwidth_use_start_date' in body) {
      const v = body.bandwidth_use_start_date
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) add('bandwidth_use_start_date', 'Datetime has wrong format.', 'invalid')
    }
    return problems
  }

  const parseBody = (req: FakeRequest): { ok: true; body: Record<string, unknown> } | { ok: false; res: FakeResponse } => {
    if (req.body.trim() === '') return { ok: true, body: {} }
    if (!String(req.headers['content-type'] ?? '').includes('application/json')) {
      return { ok: false, res: respond(415, { detail: `Unsupported media type "${String(req.headers['content-type'] ?? '')}" in request.` }) }
    }
    try {
      const parsed: unknown = JSON.parse(req.body)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { ok: false, res: respond(400, { non_field_errors: [{ message: 'Invalid data. Expected a dictionary.', code: 'invalid' }] }) }
      }
      return { ok: true, body: parsed as Record<string, unknown> }
    } catch {
      return { ok: false, res: respond(400, { detail: 'JSON parse error - could not decode the request body.' }) }
    }
  }

  const apply = (s: WebshareFakeSubUser, body: Record<string, unknown>): WebshareFakeSubUser => ({
    ...s,
    ...('label' in body ? { label: body.label as string } : {}),
    ...('proxy_limit' in body ? { proxy_limit: body.proxy_limit as number } : {}),
    ...('max_thread_count' in body ? { max_thread_count: body.max_thread_count as number } : {}),
    ...('proxy_countries' in body ? { proxy_countries: (body.proxy_countries as Record<string, number> | null) ?? null } : {}),
    ...('bandwidth_use_start_date' in body ? { bandwidth_use_start_date: Date.parse(body.bandwidth_use_start_date as string) } : {}),
    updated_at: now(),
  })

  const list = (req: FakeRequest, plan: string): FakeResponse => {
    const page = Number(req.query.get('page') ?? '1')
    const requested = Number(req.query.get('page_size') ?? DEFAULT_PAGE_SIZE)
    if (!Number.isInteger(page) || page < 1) return respond(404, { detail: 'Invalid page.' })
    const size = Number.isInteger(requested) && requested > 0 ? Math.min(requested, cap) : DEFAULT_PAGE_SIZE
    const all = [...subusers.values()].filter((s) => s.plan === plan)
    const pages = Math.max(1, Math.ceil(all.length / size))
    if (page > pages) return respond(404, { detail: 'Invalid page.' })
    const link = (p: number) => {
      const q = new URLSearchParams({ page: String(p), page_size: String(size) })
      if (req.query.has('plan_id')) q.set('plan_id', plan)
      return `${req.origin}/api/v2/subuser/?${q.toString()}`
    }
    return respond(200, {
      count: all.length,
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: all.slice((page - 1) * size, page * size).map(view),
    })
  }

  const create = (req: FakeRequest, plan: string): FakeResponse => {
    const parsed = parseBody(req)
    if (!parsed.ok) return parsed.res
    const problems = validate(parsed.body, true)
    if (Object.keys(problems).length > 0) return fieldErrors(problems)
    if ([...subusers.values()].filter((s) => s.plan === plan).length >= quota) {
      return fieldErrors({ non_field_errors: [{ message: 'You have reached the sub-user limit of your plan.', code: 'subuser_limit_reached' }] })
    }
    const at = now()
    const blank: WebshareFakeSubUser = {
      id: nextId++, plan, label: '', proxy_limit: 0, max_thread_count: DEFAULT_THREADS, proxy_countries: null,
      bandwidth_total: 0, created_at: at, updated_at: at, bandwidth_use_start_date: at,
    }
    const created = apply(blank, parsed.body)
    subusers.set(created.id, created)
    return respond(201, view(created))
  }

  const item = (req: FakeRequest, s: WebshareFakeSubUser): FakeResponse => {
    if (req.method === 'GET') return respond(200, view(s))
    if (req.method === 'DELETE') {
      subusers.delete(s.id)
      return respond(204)
    }
    if (req.method !== 'PATCH') return respond(405, { detail: `Method "${req.method}" not allowed.` })
    const parsed = parseBody(req)
    if (!parsed.ok) return parsed.res
    const problems = validate(parsed.body, false)
    if (Object.keys(problems).length > 0) return fieldErrors(problems)
    const updated = apply(s, parsed.body)
    subusers.set(s.id, updated)
    return respond(200, view(updated))
  }

  const refresh = (req: FakeRequest, s: WebshareFakeSubUser): FakeResponse => {
    if (req.method !== 'POST') return respond(405, { detail: `Method "${req.method}" not allowed.` })
    if (s.proxy_countries === null) {
      return fieldErrors({ non_field_errors: [{ message: 'This sub-user has no custom proxy list to refresh.', code: 'no_custom_proxy_list' }] })
    }
    const renewed = { ...s, updated_at: now() }
    subusers.set(s.id, renewed)
    return respond(200, view(renewed))
  }

  /** Sliding 60 s window per token; a refused request is not counted. */
  const throttle = (token: string): FakeResponse | undefined => {
    const at = now()
    const recent = (calls.get(token) ?? []).filter((t) => at - t < WINDOW_MS)
    if (recent.length >= rpm) {
      calls.set(token, recent)
      return rateLimitedAfter(Math.max(1, Math.ceil((WINDOW_MS - (at - recent[0]!)) / 1000)))
    }
    recent.push(at)
    calls.set(token, recent)
    return undefined
  }
  const rateLimitedAfter = (seconds: number): FakeResponse =>
    respond(429, { detail: `Request was throttled. Expected available in ${seconds} seconds.` }, options.retryAfter === false ? {} : { 'Retry-After': String(seconds) })

  const handle = (req: FakeRequest): FakeResponse => {
    const listPath = LIST.test(req.path)
    const itemMatch = ITEM.exec(req.path)
    const refreshMatch = REFRESH.exec(req.path)
    if (!listPath && itemMatch === null && refreshMatch === null) return respond(404, { detail: 'Not found.' })
    const auth = req.headers.authorization
    if (auth === undefined) return respond(401, { detail: 'Authentication credentials were not provided.' })
    if (auth !== `Token ${apiKey}`) return respond(401, { detail: 'Invalid token.' })
    const throttled = throttle(apiKey)
    if (throttled !== undefined) return throttled
    if (!access) return respond(403, { detail: 'You do not have permission to perform this action.', code: 'permission_denied' })
    const plan = req.query.get('plan_id') ?? 'default'
    if (listPath) {
      if (req.method === 'GET') return list(req, plan)
      if (req.method === 'POST') return create(req, plan)
      return respond(405, { detail: `Method "${req.method}" not allowed.` })
    }
    const id = Number((itemMatch ?? refreshMatch)![1])
    const s = subusers.get(id)
    // Refresh takes no plan_id; the other id paths see only their plan's sub-users.
    if (s === undefined || (refreshMatch === null && s.plan !== plan)) return respond(404, { detail: 'Not found.' })
    return refreshMatch === null ? item(req, s) : refresh(req, s)
  }

  return {
    apiKey,
    handle,
    rateLimited: () => rateLimitedAfter(1),
    serverError: (_req, status) => ({ status, body: 'Server Error (500)' }),
    control: {
      subusers: () => [...subusers.values()],
      setUsage: (id, bytes) => {
        const s = subusers.get(id)
        if (s === undefined) return false
        subusers.set(id, { ...s, bandwidth_total: bytes })
        return true
      },
      setSubuserAccess: (on) => {
        access = on
      },
      reset: () => {
        subusers = new Map()
        calls = new Map()
      },
    },
  }
}
