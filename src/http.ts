/**
 * The HTTP layer both adapters share. It sends one request and hands back the
 * response whatever its status; each vendor decides what a status or body
 * means. Every axios failure becomes a SubUserError here, so an AxiosError never
 * leaves the package, and no message holds a credential, a query string or a body.
 */
import type { AxiosInstance, AxiosRequestConfig, AxiosStatic } from 'axios'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from './task-either'
import type { Operation, ProviderId } from './domain'
import { SubUserError, redactError, validationError, type SubUserErrorKind } from './errors'
import { currentCallOptions, remainingMs } from './call-options'
import type { GatewayOption } from './gateway'
import type { ListingOptions } from './listing'
import { redact } from './secret'
import { createScheduler, rateLimit, type RateLimit, type RateLimitOptions } from './rate-limit'
import { accountKey } from './coordination/account'
import { createSharedScheduler, paceRule } from './coordination/shared-scheduler'
import { CoordinationError, coordinationError } from './coordination/error'
import type { Coordination } from './coordination/types'
import { currentWriteGate } from './coordination/write-gate'
import type { ArrayStreamSpec, ArrayStreaming, StreamTransport, StreamedArray } from './http-stream'
import { retryPolicy, withRetry, type RetryOptions, type RetryPolicy } from './retry'
import { whenAborted } from './abort'
import { abortAfter, deadlineAfter, type DeadlineSignal } from './deadline-signal'

/** Default time allowed for one HTTP exchange, request sent to response read. @example DEFAULT_TIMEOUT_MS === 30_000 */
export const DEFAULT_TIMEOUT_MS = 30_000

/** How many credentials obtained at run time an HTTP client keeps for redaction. @example MAX_RUNTIME_SECRETS === 16 */
export const MAX_RUNTIME_SECRETS = 16

/** Default largest response body read, 64 MiB. @example DEFAULT_MAX_RESPONSE_BYTES === 67_108_864 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/**
 * Options every provider accepts besides its credentials.
 * @example
 * createWebshareProvider({ apiKey, timeoutMs: 10_000, axios: myInstance })
 */
export interface CommonOptions extends ListingOptions {
  /**
   * Time allowed for one HTTP exchange, in milliseconds (default 30 000): a
   * deadline from sending the request to the last byte of the response, so a
   * vendor that drips its body slowly times out too. For a reply read as it arrives
   * (`iterate` on a single large list), the time the consumer holds a sub-user is not counted.
   */
  readonly timeoutMs?: number
  /**
   * Largest response body read, in bytes (default
   * {@link DEFAULT_MAX_RESPONSE_BYTES}, 64 MiB); a larger one is cut off as it
   * arrives and the call fails with a `vendor` error.
   */
  readonly maxResponseBytes?: number
  /** An axios instance to send requests with (its interceptors and adapter are used). */
  readonly axios?: AxiosInstance
  /**
   * How failed calls are retried (default: 3 retries, backoff from 250 ms up to
   * 8 s with full jitter, longer when the vendor says so, up to
   * `maxRetryAfterMs`, 60 s); `false` turns it off. Only `retryable` errors
   * are retried: never a POST whose outcome is unknown.
   */
  readonly retry?: RetryOptions
  /**
   * Client-side limit shared by every call of this provider: requests per
   * minute (spaced evenly) and requests in flight; `false` turns it off.
   * Each vendor has its own default (Webshare 240 a minute, Thordata one call
   * every 1.2 s); the limit slows down further when the vendor still says "too many".
   */
  readonly rateLimit?: RateLimitOptions
  /**
   * The proxy gateway `access` names, instead of the vendor's own: another host (vendors give
   * some accounts their own), other ports per protocol, or both.
   */
  readonly gateway?: GatewayOption
  /** The clock, in epoch ms (default `Date.now`): "today" (UTC) for the checks of a `usage` range, and where a vendor has one, when its login token expires. */
  readonly now?: () => number
  /**
   * Pacing shared with every other process that has the same coordination
   * and vendor account (from `proxy-subusers/redis`): their request starts
   * come from one schedule, so together they keep `rateLimit`, and a "too
   * many" told to one slows them all. The cap on requests in flight stays
   * per process. If the backend fails, a call fails as `network` naming it,
   * before anything is sent; there is no fallback to pacing alone.
   */
  readonly coordination?: Coordination
}

/**
 * One request, described without axios types. `url` is a path under the
 * provider's base URL, or an absolute URL the caller has already checked.
 * @example
 * const req: HttpRequest = { method: 'POST', url: '/proxy-users/delete-user', form: { username: 'alice001' } }
 */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly url: string
  readonly query?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
  /** Sent as application/x-www-form-urlencoded. */
  readonly form?: Readonly<Record<string, string>>
  /** Sent as application/json. */
  readonly json?: unknown
  /** Values in this request that must never be printed (passwords). */
  readonly secrets?: ReadonlyArray<string>
  /**
   * The vendor applies this request the same however often it is sent (a login, a PATCH of
   * absolute values): like a GET, it is retried after a lost connection, a timeout or a 5xx
   * (see {@link mayRepeat}). Left out: only a GET is.
   */
  readonly idempotent?: boolean
}

/**
 * A response of any status. `body` is the parsed JSON, or undefined when the
 * text is empty or not JSON; `text` is the raw text.
 * @example
 * if (res.status === 204) return undefined
 */
export interface HttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly text: string
}

/**
 * Sends requests for one provider instance.
 * @example
 * const res = await http.send('get', { method: 'GET', url: '/api/v2/subuser/42/' })()
 */
export interface HttpClient {
  readonly provider: ProviderId
  readonly baseURL: string
  /**
   * Every credential of this provider, for redaction: those it was built with and those
   * added since with {@link HttpClient.addSecret} (one array, kept up to date, so a holder of
   * it, such as `defineProvider`'s `secrets`, redacts the added ones too).
   */
  readonly secrets: ReadonlyArray<string>
  /** The vendor account's hash (see `accountKey`): shared pacing and locks are keyed by it. */
  readonly account: string
  /**
   * Adds a credential obtained at run time (a session token) to {@link HttpClient.secrets}, so
   * that no error shows it. The last {@link MAX_RUNTIME_SECRETS} added are kept (older tokens
   * have expired); those the client was built with always are.
   */
  addSecret(value: string): void
  /**
   * The retry policy in effect: the call's own (see CallOptions), else the
   * provider's. It also bounds how often a write is re-sent after a read-back.
   */
  retryPolicy(): RetryPolicy
  /** The time allowed for one exchange in effect: the call's `timeoutMs`, else the provider's. */
  exchangeTimeoutMs(): number
  /** Sends one request once; any HTTP status is a response. */
  send(operation: Operation, request: HttpRequest): TE.TaskEither<SubUserError, HttpResponse>
  /**
   * Sends a request and reads the response with the vendor's reader; a
   * `retryable` failure of either is retried as the provider's policy says.
   */
  call<A>(operation: Operation, request: HttpRequest, read: (res: HttpResponse) => E.Either<SubUserError, A>): TE.TaskEither<SubUserError, A>
}

/**
 * An {@link HttpClient} built with `streaming` (see {@link createHttpClient}): it can also read
 * a reply's large JSON array as it arrives.
 * @example
 * const http = createHttpClient({ provider: 'devicehive', baseURL, secrets: [key], options, rateLimit, streaming: arrayStreams })
 * const reply = await http.streamArray('list', { method: 'GET', url: '/users' }, { path: 'data.list', check })()
 */
export interface StreamingHttpClient extends HttpClient {
  /**
   * Sends a GET whose reply holds one large JSON array and hands its elements over as they
   * arrive, under the same bounds, pacing and redaction (see src/http-stream.ts); retried as
   * `call` is until the first element has arrived.
   * @example
   * const reply = await http.streamArray('list', { method: 'GET', url: '/users' }, { path: 'data.list', check })()
   */
  streamArray(operation: Operation, request: HttpRequest, spec: ArrayStreamSpec): TE.TaskEither<SubUserError, StreamedArray>
}

/**
 * What {@link createHttpClient} builds a provider instance's client from.
 * @example
 * const config: HttpClientConfig = { provider: 'devicehive', baseURL, secrets: [key], options, rateLimit: { requestsPerMinute: 600, concurrency: 4 } }
 */
export interface HttpClientConfig {
  readonly provider: ProviderId
  readonly baseURL: string
  readonly secrets: ReadonlyArray<string>
  /** The credentials that name the vendor account, for its hash (default: all of `secrets`). */
  readonly account?: ReadonlyArray<string>
  readonly options: CommonOptions
  /** The vendor's default client-side limit. */
  readonly rateLimit: RateLimit
  /**
   * The kit's `arrayStreams`, for a vendor that answers a listing with one large array: the
   * client then has `streamArray`. Passed in rather than built in, so that an adapter without
   * such a listing does not carry the stream reader.
   */
  readonly streaming?: ArrayStreaming
}

/**
 * Builds the HTTP client of one provider instance; with `streaming`, a {@link StreamingHttpClient}.
 * @example
 * const http = createHttpClient({ provider: 'webshare', baseURL: 'https://proxy.webshare.io', secrets: [apiKey], options, rateLimit })
 * const streaming = createHttpClient({ provider: 'thordata', baseURL, secrets: [token], options, rateLimit, streaming: arrayStreams })
 */
export function createHttpClient(config: HttpClientConfig & { readonly streaming: ArrayStreaming }): StreamingHttpClient
export function createHttpClient(config: HttpClientConfig): HttpClient
export function createHttpClient(config: HttpClientConfig): HttpClient | StreamingHttpClient {
  // axios is loaded on the first request, not with the package: it is most of a cold start.
  let instance: AxiosInstance | undefined = config.options.axios
  let creating: Promise<AxiosInstance> | undefined
  // The instance made here, on axios's own adapters, takes the lighter deadline signal (src/deadline-signal.ts).
  let ownAdapters = false
  const client = (): AxiosInstance | Promise<AxiosInstance> =>
    instance ??
    (creating ??= loadAxios().then((a) => {
      const made = a.create()
      ownAdapters = builtInAdapters(made)
      return (instance = made)
    }))
  const timeout = config.options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const baseURL = config.baseURL.replace(/\/+$/, '')
  const policy = retryPolicy(config.options.retry)
  if (E.isLeft(policy)) throw validationError(config.provider, 'list', [policy.left])
  const limit = rateLimit(config.options.rateLimit, config.rateLimit)
  if (E.isLeft(limit)) throw validationError(config.provider, 'list', [limit.left])
  const maxBytes = config.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw validationError(config.provider, 'list', [{ path: 'maxResponseBytes', message: 'must be a whole number of bytes > 0' }])
  const account = accountKey(config.provider, baseURL, config.account ?? config.secrets)
  const coordination = config.options.coordination
  const scheduler =
    coordination === undefined || limit.right === undefined ? createScheduler(limit.right) : createSharedScheduler(limit.right, coordination.pacer(account, paceRule(limit.right)))
  const secrets: string[] = [...config.secrets]
  const built = secrets.length
  const addSecret = (value: string) => {
    if (secrets.includes(value)) return
    secrets.push(value)
    if (secrets.length - built > MAX_RUNTIME_SECRETS) secrets.splice(built, 1)
  }
  const currentTimeout = (): number => currentCallOptions().timeoutMs ?? timeout
  const currentPolicy = (): RetryPolicy => {
    const own = currentCallOptions().retry
    const resolved = own === undefined ? undefined : retryPolicy(own)
    return resolved !== undefined && E.isRight(resolved) ? resolved.right : policy.right
  }
  const send: HttpClient['send'] = (operation, request) => async () => {
    const printable = requestSecrets(secrets, request)
    const { signal } = currentCallOptions()
    // A run holding a lock (apply) asks its gate right before a write goes out, after any wait.
    const gate = mayRepeat(request) ? undefined : currentWriteGate()
    // Waiting for a pacing slot ends at the call's deadline, or when the caller aborts.
    const queue = abortAfter(remainingMs(), signal)
    try {
      // axios is loaded before a pacing slot is taken, so the first request starts on its slot, not after the loading.
      const axiosInstance = await client()
      const res = await scheduler.schedule(async () => {
        const refusal = gate?.()
        if (refusal !== undefined) throw refusal
        return exchange(baseURL, axiosInstance, request, Math.min(currentTimeout(), remainingMs()), maxBytes, signal, ownAdapters)
      }, queue.signal)
      return E.right(res)
    } catch (e) {
      const why = queue.timedOut() ? { code: DEADLINE } : signal?.aborted ? { code: 'ERR_CANCELED' } : e
      return E.left(transportError(config.provider, operation, request, why, printable, maxBytes))
    } finally {
      queue.clear()
    }
  }
  // The policy and signal are read when the call runs, inside its call options.
  const retried = <A>(task: TE.TaskEither<SubUserError, A>): TE.TaskEither<SubUserError, A> => () =>
    withRetry(
      currentPolicy(),
      pipe(
        task,
        TE.tapError((e) => {
          if (e.kind === 'rate_limited') scheduler.slowDown()
          return TE.right(undefined)
        }),
        TE.tap(() => {
          scheduler.recover()
          return TE.right(undefined)
        }),
      ),
      abortableSleep(currentCallOptions().signal),
    )()
  const common: HttpClient = {
    provider: config.provider,
    baseURL,
    secrets,
    addSecret,
    account,
    retryPolicy: currentPolicy,
    exchangeTimeoutMs: currentTimeout,
    send,
    call: (operation, request, read) => retried(pipe(send(operation, request), TE.flatMapEither(read))),
  }
  if (config.streaming === undefined) return common
  const { open } = config.streaming
  const transport: StreamTransport = {
    provider: config.provider,
    maxBytes,
    scheduler,
    client,
    exchangeTimeoutMs: currentTimeout,
    axiosConfig: (request, timeoutMs) => toAxiosConfig(baseURL, timeoutMs, request),
    abortAfter,
    toResponse,
    secretsOf: (request) => requestSecrets(secrets, request),
    failure: (operation, request, why, printable) => transportError(config.provider, operation, request, 'cause' in why ? { code: STREAM_CAUSE_CODES[why.cause] } : why.error, printable, maxBytes),
  }
  return { ...common, streamArray: (operation, request, spec) => retried(open(transport, operation, request, spec)) }
}

let loadingAxios: Promise<AxiosStatic> | undefined

/**
 * axios, loaded once, when the first provider without an `axios` option sends its first request:
 * importing a vendor's entry then costs a few milliseconds instead of axios's own load (its
 * dependencies parse a MIME database), and an app that brings its own instance never loads ours.
 */
const loadAxios = (): Promise<AxiosStatic> => (loadingAxios ??= import('axios').then((m) => (m as { default?: AxiosStatic }).default ?? (m as unknown as AxiosStatic)))

/** Whether an instance sends with axios's own adapters only (named, not functions of someone else's). */
const builtInAdapters = (instance: AxiosInstance): boolean => {
  const adapter: unknown = instance.defaults.adapter
  return typeof adapter === 'string' || (Array.isArray(adapter) && adapter.every((a) => typeof a === 'string'))
}

/** Whether an error is axios's cancellation (a `CanceledError`), told without loading axios. */
const isCancel = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { __CANCEL__?: unknown }).__CANCEL__ === true

/** Waits, but no longer than until the signal aborts (the next attempt then fails at once, as cancelled). */
const abortableSleep =
  (signal: AbortSignal | undefined) =>
  (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const done = () => {
        clearTimeout(timer)
        stop()
        resolve()
      }
      const timer = setTimeout(done, ms)
      const stop = whenAborted(signal, done)
    })

/** Stands for "the call's deadline passed" where a transport error code goes. */
const DEADLINE = 'DEADLINE'
/** Stands for "the exchange's own timeout passed" (the whole exchange, not an idle gap). */
const EXCHANGE_TIMEOUT = 'ETIMEDOUT'

/**
 * One exchange under a deadline for all of it: axios's own `timeout` only
 * bounds idle gaps, so a timer aborts the request, however busy, at `timeoutMs`.
 * A body longer than `maxBytes` is cut off as it arrives. `light`: the instance's adapters are
 * axios's own, which take a {@link DeadlineSignal} in place of an AbortSignal.
 */
const exchange = async (
  baseURL: string,
  instance: AxiosInstance,
  request: HttpRequest,
  timeoutMs: number,
  maxBytes: number,
  signal: AbortSignal | undefined,
  light: boolean,
): Promise<HttpResponse> => {
  if (timeoutMs <= 0) throw { code: DEADLINE }
  const deadline = light ? deadlineAfter(timeoutMs, signal) : abortAfter(timeoutMs, signal)
  try {
    const res = await instance.request<unknown>({ ...toAxiosConfig(baseURL, timeoutMs, request), maxContentLength: maxBytes, ...(deadline.signal === undefined ? {} : { signal: deadline.signal }) })
    // An injected adapter may not enforce maxContentLength: the text is measured too.
    if (typeof res.data === 'string' && res.data.length * 3 > maxBytes && Buffer.byteLength(res.data) > maxBytes) throw { code: TOO_LARGE }
    return toResponse(res.status, res.headers as Record<string, unknown>, res.data)
  } catch (e) {
    throw deadline.timedOut() ? { code: EXCHANGE_TIMEOUT } : e
  } finally {
    deadline.clear()
  }
}

/** Stands for "the body is larger than maxResponseBytes". */
const TOO_LARGE = 'TOO_LARGE'

/** The transport code of each reason a streamed exchange is stopped for. */
const STREAM_CAUSE_CODES = { deadline: DEADLINE, timeout: EXCHANGE_TIMEOUT, 'too-large': TOO_LARGE, cancelled: 'ERR_CANCELED' } as const

const toAxiosConfig = (baseURL: string, timeout: number, request: HttpRequest): AxiosRequestConfig => {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers }
  let data: string | undefined
  if (request.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    data = new URLSearchParams(request.form as Record<string, string>).toString()
  } else if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    data = JSON.stringify(request.json)
  }
  return {
    method: request.method,
    url: /^https?:\/\//i.test(request.url) ? request.url : `${baseURL}${request.url}`,
    ...(request.query === undefined ? {} : { params: request.query }),
    headers,
    ...(data === undefined ? {} : { data }),
    timeout,
    // The vendor decides what a status means; the raw text is parsed below.
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(d: unknown) => d],
    maxRedirects: 0,
  }
}

const toResponse = (status: number, rawHeaders: Record<string, unknown>, data: unknown): HttpResponse => {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(rawHeaders ?? {})) {
    if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v)
  }
  if (typeof data !== 'string') {
    // An injected adapter (a mock) may hand back an already-parsed object.
    return { status, headers, body: data ?? undefined, text: data === undefined ? '' : JSON.stringify(data) }
  }
  return { status, headers, body: parseJson(data), text: data }
}

const parseJson = (text: string): unknown => {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT'])

/**
 * Whether sending a request again is harmless: a read (GET), or a request marked
 * `idempotent`. Any other write whose outcome is unknown (no answer, a 5xx) is never
 * blindly retryable: the adapter reads back first (see src/reconcile.ts).
 * @example
 * mayRepeat({ method: 'PATCH' }) // false
 * mayRepeat({ method: 'POST', idempotent: true }) // true (a login)
 */
export const mayRepeat = (request: Pick<HttpRequest, 'method' | 'idempotent'>): boolean => request.method === 'GET' || request.idempotent === true

const transportError = (
  provider: ProviderId,
  operation: Operation,
  request: HttpRequest,
  e: unknown,
  secrets: ReadonlyArray<string>,
  maxBytes: number,
): SubUserError => {
  if (SubUserError.is(e)) return redactError(e, secrets)
  if (CoordinationError.is(e)) return redactError(coordinationError(provider, operation, e, `; nothing was sent (${request.method} ${printableUrl(request.url)})`), secrets)
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  const codeText = typeof code === 'string' ? code : undefined
  const target = `${request.method} ${printableUrl(request.url)}`
  const tooLarge = codeText === TOO_LARGE || (codeText === 'ERR_BAD_RESPONSE' && /^maxContentLength/.test((e as { message?: unknown }).message as string))
  if (tooLarge) {
    return redactError(new SubUserError({ kind: 'vendor', provider, operation, retryable: false, message: `${provider} ${operation}: the response body is larger than maxResponseBytes (${maxBytes}) on ${target}; not read` }), secrets)
  }
  if (codeText === DEADLINE) {
    return redactError(new SubUserError({ kind: 'timeout', provider, operation, retryable: false, message: `${provider} ${operation}: the call's deadline (deadlineMs) passed before an answer on ${target}` }), secrets)
  }
  if (isCancel(e) || codeText === 'ERR_CANCELED') {
    return redactError(
      new SubUserError({ kind: 'network', provider, operation, retryable: false, message: `${provider} ${operation}: request cancelled (${target})` }),
      secrets,
    )
  }
  const kind: SubUserErrorKind = codeText !== undefined && TIMEOUT_CODES.has(codeText) ? 'timeout' : 'network'
  const why = codeText ?? ((e as { isCouldNotFindMockError?: boolean })?.isCouldNotFindMockError ? 'no mock for this request' : 'no response')
  const repeatable = mayRepeat(request)
  return redactError(
    new SubUserError({
      kind,
      provider,
      operation,
      retryable: repeatable,
      message: `${provider} ${operation}: ${kind === 'timeout' ? 'timed out' : 'network error'} (${why}) on ${target}${repeatable ? '' : '; it may have been applied, so it is not to be retried blindly'}`,
    }),
    secrets,
  )
}

/**
 * A request URL as errors print it: the path (and for an absolute URL, such as
 * a followed `next` link, its origin), never user info, a query or a fragment.
 * Secrets in the path are redacted with the rest of the message.
 */
const printableUrl = (url: string): string => {
  if (!/^https?:\/\//i.test(url)) return url.replace(/[?#].*$/s, '')
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return '(an unreadable URL)'
  }
}

/**
 * Every value of a request that must not be printed: the provider's
 * credentials, the request's own secrets, and what an `Authorization` header
 * carries (for Basic, the Base64 token and the `user:password` it decodes to).
 * @example
 * requestSecrets(['k3y-1'], { method: 'GET', url: '/', headers: { Authorization: 'Basic dTpwYXNzd29yZA==' } })
 * // ['k3y-1', 'Basic dTpwYXNzd29yZA==', 'dTpwYXNzd29yZA==', 'u:password', 'u', 'password']
 */
export const requestSecrets = (credentials: ReadonlyArray<string>, request: Pick<HttpRequest, 'secrets' | 'headers'>): ReadonlyArray<string> => {
  const authorization = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1]
  const fromHeader: string[] = []
  if (typeof authorization === 'string') {
    const token = authorization.replace(/^\S+\s+/, '')
    fromHeader.push(authorization, token)
    if (/^basic\s/i.test(authorization)) {
      const decoded = Buffer.from(token, 'base64').toString('utf8')
      fromHeader.push(decoded, ...decoded.split(':'))
    }
  }
  return [...credentials, ...(request.secrets ?? []), ...fromHeader]
}

/**
 * Reads a `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`.
 * @example
 * parseRetryAfter('30') // 30000
 */
export const parseRetryAfter = (value: string | undefined, now: number = Date.now()): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/**
 * Builds the error for a response the vendor's table classified, with every
 * vendor-supplied text redacted of the request's secrets.
 * @example
 * responseError(http, 'get', res, { kind: 'not_found', detail: 'Not found.' })
 */
export const responseError = (
  http: Pick<HttpClient, 'provider' | 'secrets'>,
  operation: Operation,
  request: Pick<HttpRequest, 'secrets' | 'headers'>,
  init: {
    readonly kind: SubUserErrorKind
    readonly status?: number
    readonly vendorCode?: string | number
    readonly detail?: string
    readonly retryable?: boolean
    readonly retryAfterMs?: number
    readonly fields?: ReadonlyArray<{ readonly path: string; readonly message: string }>
  },
): SubUserError => {
  const secrets = requestSecrets(http.secrets, request)
  // Redacted before it is cut, so a cut never leaves part of a secret.
  const clean = (s: string) => redact(s, secrets).slice(0, 300)
  const vendorCode = typeof init.vendorCode === 'string' ? clean(init.vendorCode) : init.vendorCode
  const where = [init.status === undefined ? undefined : `HTTP ${init.status}`, vendorCode === undefined ? undefined : `code ${vendorCode}`]
    .filter((x) => x !== undefined)
    .join(', ')
  const fields = init.fields?.map((f) => ({ path: clean(f.path), message: clean(f.message) }))
  const detail = init.detail === undefined ? '' : `: ${clean(init.detail)}`
  return redactError(
    new SubUserError({
      kind: init.kind,
      provider: http.provider,
      operation,
      message: `${http.provider} ${operation}: ${init.kind}${where === '' ? '' : ` (${where})`}${detail}`,
      ...(init.retryable === undefined ? {} : { retryable: init.retryable }),
      ...(init.status === undefined ? {} : { status: init.status }),
      ...(vendorCode === undefined ? {} : { vendorCode }),
      ...(init.retryAfterMs === undefined ? {} : { retryAfterMs: init.retryAfterMs }),
      ...(fields === undefined ? {} : { fields }),
    }),
    secrets,
  )
}
