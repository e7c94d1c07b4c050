/**
 * A GET whose reply is one large JSON array, or holds one at a path, read as it arrives: the
 * body is parsed chunk by chunk (src/json-array-stream.ts) and its elements are handed over one
 * at a time, so memory holds one chunk's elements, never the reply. The consumer sets the pace:
 * while it holds an element nothing more is read, the socket's buffers fill and the vendor
 * waits (backpressure). The bounds of every exchange still hold:
 * - `maxResponseBytes`, counted on the bytes as they arrive: past it the reply is cut off (`vendor`);
 * - `timeoutMs` (and the call's `deadlineMs`), for the whole exchange, on the time spent waiting
 *   for the vendor: the time the consumer holds an element is not the vendor's, so it is not counted;
 * - the call's `signal`, until the last element.
 *
 * The vendor reads the rest of the reply (the "envelope": its code, message, counts) twice: as
 * far as it has come when the first element arrives, and whole at the end. Up to the first
 * element a failure is the call's (retried when retryable, as any call); after it, the elements
 * handed over stand and the iteration fails.
 *
 * A reply that is not a stream (an injected axios adapter, a mock, may hand back a string or an
 * object) or that has a status other than 2xx is read whole instead, and its array handed over
 * from memory, so the vendor's reading is the same either way.
 */
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios'
import * as E from 'fp-ts/Either'
import type * as TE from './task-either'
import { currentCallOptions, deadlineClock, remainingMs } from './call-options'
import type { Operation, ProviderId } from './domain'
import { SubUserError, redactError } from './errors'
import type { HttpRequest, HttpResponse } from './http'
import { MalformedJson, arrayReader, type ArrayElement, type ArrayReader } from './json-array-stream'
import type { Scheduler } from './rate-limit'
import { whenAborted } from './abort'

/**
 * Where the array is and how the vendor reads the reply around it.
 * @example
 * const spec: ArrayStreamSpec = { path: 'data.list', check: (res, { complete }) => readEnvelope(res, complete) }
 */
export interface ArrayStreamSpec {
  /** Keys joined by dots (`data.list`); `''` for a reply that is the array. */
  readonly path: string
  /**
   * The vendor's reading of the envelope (`res.body`, the reply without the array's elements):
   * once with what has arrived when the first element has (`complete` false: a field still to
   * come is not missing), and once with all of it (`complete` true, `elements` the array's
   * length). A Left fails the listing with that error.
   */
  check(res: HttpResponse, progress: { readonly complete: boolean; readonly elements: number }): E.Either<SubUserError, unknown>
}

/**
 * A reply being read: its elements, to be iterated once (each with its path, for decoding), and
 * its envelope, whole once the elements have ended.
 * @example
 * for await (const { value, at } of reply.elements) decodeWith(User, 'thordata', 'list', at)(value)
 */
export interface StreamedArray {
  /** Throws a SubUserError (redacted) when the reply fails past its first element; stopping early closes the connection. */
  readonly elements: AsyncIterable<ArrayElement>
  envelope(): unknown
}

/** Why an exchange was stopped, as the HTTP layer names it. */
type Cause = 'deadline' | 'timeout' | 'too-large' | 'cancelled'

/**
 * What the HTTP client lends the streamed exchange: its axios instance, pacing and bounds, and
 * how it names a transport failure (so both kinds of exchange fail alike).
 * @example
 * const reply = await openArrayStream(transport, 'list', request, spec)()
 */
export interface StreamTransport {
  readonly provider: ProviderId
  readonly maxBytes: number
  readonly scheduler: Pick<Scheduler, 'schedule'>
  client(): AxiosInstance | Promise<AxiosInstance>
  exchangeTimeoutMs(): number
  axiosConfig(request: HttpRequest, timeoutMs: number): AxiosRequestConfig
  /** A signal that aborts after `ms` or with `outer`, for the wait for a pacing slot. */
  abortAfter(ms: number, outer: AbortSignal | undefined): { readonly signal: AbortSignal | undefined; timedOut(): boolean; clear(): void }
  toResponse(status: number, headers: Record<string, unknown>, data: unknown): HttpResponse
  secretsOf(request: HttpRequest): ReadonlyArray<string>
  failure(operation: Operation, request: HttpRequest, why: { readonly cause: Cause } | { readonly error: unknown }, secrets: ReadonlyArray<string>): SubUserError
}

/**
 * The stream reader that `createHttpClient`'s `streaming` option takes: the kit's
 * {@link arrayStreams}. Opaque to an adapter: the client opens each streamed exchange with it,
 * lending its bounds, pacing and redaction, and wraps it in its retry policy.
 * @example
 * const http = createHttpClient({ provider, baseURL, secrets, options, rateLimit, streaming: arrayStreams })
 */
export interface ArrayStreaming {
  /** @internal */
  readonly open: (t: StreamTransport, operation: Operation, request: HttpRequest, spec: ArrayStreamSpec) => TE.TaskEither<SubUserError, StreamedArray>
}

/**
 * Sends the GET once and resolves when the first element of the array has arrived (or the body
 * has ended), the envelope so far checked by the vendor; the retry policy wraps it as it does a call.
 * @example
 * const reply = await openArrayStream(transport, 'list', { method: 'GET', url: '/users' }, { path: '', check })()
 */
const openArrayStream: ArrayStreaming['open'] = (t, operation, request, spec) => async () => {
  const secrets = t.secretsOf(request)
  const { signal } = currentCallOptions()
  const remaining = remainingMs()
  const deadlineAt = deadlineClock() + remaining
  // Waiting for a pacing slot ends at the call's deadline, or when the caller aborts.
  const queue = t.abortAfter(remaining, signal)
  try {
    // The slot is given back once the first element is in: a consumer that calls the same
    // provider while it iterates must not wait for its own listing to end.
    return E.right(await t.scheduler.schedule(() => open(t, operation, request, spec, { secrets, signal, remaining: deadlineAt - deadlineClock() }), queue.signal))
  } catch (e) {
    if (SubUserError.is(e)) return E.left(e)
    return E.left(t.failure(operation, request, queue.timedOut() ? { cause: 'deadline' } : signal?.aborted ? { cause: 'cancelled' } : { error: e }, secrets))
  } finally {
    queue.clear()
  }
}

/**
 * The kit's stream reader, for `createHttpClient`'s `streaming`: a vendor whose listing is one
 * large JSON array passes it, and its client has `streamArray`.
 * @example
 * const http = createHttpClient({ provider: 'thordata', baseURL, secrets: [token], options, rateLimit, streaming: arrayStreams })
 */
export const arrayStreams: ArrayStreaming = { open: openArrayStream }

/** Stands for "the body is larger than maxResponseBytes" where a read fails. */
const TOO_LARGE = Symbol('too large')

const open = async (
  t: StreamTransport,
  operation: Operation,
  request: HttpRequest,
  spec: ArrayStreamSpec,
  call: { readonly secrets: ReadonlyArray<string>; readonly signal: AbortSignal | undefined; readonly remaining: number },
): Promise<StreamedArray> => {
  const timeout = t.exchangeTimeoutMs()
  const budgetMs = Math.min(timeout, call.remaining)
  const expired: Cause = call.remaining < timeout ? 'deadline' : 'timeout'
  if (budgetMs <= 0) throw t.failure(operation, request, { cause: 'deadline' }, call.secrets)
  const [instance, reader] = await Promise.all([t.client(), arrayReader(spec.path)])
  const clock = exchangeClock(budgetMs, call.signal)
  const problem = (e: unknown): SubUserError => {
    if (SubUserError.is(e)) return redactError(e, call.secrets)
    if (e instanceof MalformedJson) return malformed(t.provider, operation)
    const halted = clock.halted()
    if (halted !== undefined) return t.failure(operation, request, { cause: halted === 'aborted' ? 'cancelled' : expired }, call.secrets)
    return t.failure(operation, request, e === TOO_LARGE ? { cause: 'too-large' } : { error: e }, call.secrets)
  }
  let res: AxiosResponse<unknown>
  try {
    res = await clock.wait(instance.request<unknown>({ ...t.axiosConfig(request, budgetMs), responseType: 'stream', maxContentLength: -1, signal: clock.signal }))
  } catch (e) {
    clock.dispose()
    throw problem(e)
  }
  const body = res.data
  const headers = res.headers as Record<string, unknown>
  if (!isAsyncIterable(body) || res.status < 200 || res.status > 299) {
    try {
      const data = isAsyncIterable(body) ? await readAll(body, clock, t.maxBytes) : body
      // An injected adapter may not enforce maxContentLength: the text is measured too.
      if (typeof data === 'string' && data.length * 3 > t.maxBytes && Buffer.byteLength(data) > t.maxBytes) throw TOO_LARGE
      const whole = t.toResponse(res.status, headers, data)
      const { elements, envelope } = splitAt(whole.body, spec.path)
      checked(spec, { ...whole, body: envelope }, true, elements.length)
      return { elements: fromMemory(elements, spec.path), envelope: () => envelope }
    } catch (e) {
      throw problem(e)
    } finally {
      clock.dispose()
    }
  }
  const head = t.toResponse(res.status, headers, undefined)
  return streamed(body, reader, clock, t.maxBytes, (envelope, complete) => checked(spec, { ...head, body: envelope }, complete, reader.count), problem)
}

/** The vendor's reading of an envelope; throws its error. */
const checked = (spec: ArrayStreamSpec, res: HttpResponse, complete: boolean, elements: number): void => {
  const read = spec.check(res, { complete, elements })
  if (E.isLeft(read)) throw read.left
}

/** The elements of a body read as it arrives; resolves once the first is in or the body has ended. */
const streamed = async (
  body: AsyncIterable<unknown>,
  reader: ArrayReader,
  clock: ExchangeClock,
  maxBytes: number,
  checked: (envelope: unknown, complete: boolean) => void,
  problem: (e: unknown) => SubUserError,
): Promise<StreamedArray> => {
  // A stream that fails after it is closed must not crash the process.
  ;(body as { on?: (event: string, listener: () => void) => void }).on?.('error', () => undefined)
  const source = body[Symbol.asyncIterator]()
  let bytes = 0
  let ended = false
  let settled = false
  // Malformed JSON, or the cap, found in a chunk whose earlier elements are still to be handed over.
  let fault: MalformedJson | typeof TOO_LARGE | undefined
  const pull = async () => {
    const next = await clock.wait(source.next())
    if (next.done === true) {
      ended = true
      return reader.end()
    }
    const value = next.value as Uint8Array | string
    const chunk = typeof value === 'string' ? Buffer.from(value) : value
    const allowed = maxBytes - bytes
    bytes += chunk.byteLength
    try {
      // The bytes within the cap are read; the reply is cut off at it.
      reader.write(bytes > maxBytes ? chunk.subarray(0, allowed) : chunk)
    } catch (e) {
      if (!(e instanceof MalformedJson)) throw e
      fault = e
    }
    if (bytes > maxBytes) fault ??= TOO_LARGE
  }
  const settle = () => {
    settled = true
    checked(reader.envelope, true)
  }
  const close = () => {
    release(body, source)
    clock.dispose()
  }
  try {
    while (!ended && fault === undefined && reader.pending === 0) await pull()
    if (fault !== undefined && reader.pending === 0) throw fault
    // A body read whole before anything is handed over is checked whole, while a failure can still be retried.
    if (ended) settle()
    else checked(reader.envelope, false)
  } catch (e) {
    close()
    throw problem(e)
  }
  async function* elements(): AsyncGenerator<ArrayElement, void, undefined> {
    try {
      for (;;) {
        for (let element = reader.take(); element !== undefined; element = reader.take()) {
          // Aborted while the consumer held the last one: nothing more is handed over.
          if (clock.halted() !== undefined) throw clock.halted()
          yield element
        }
        if (fault !== undefined) throw fault
        if (ended) {
          if (!settled) settle()
          return
        }
        await pull()
      }
    } catch (e) {
      throw problem(e)
    } finally {
      close()
    }
  }
  return { elements: elements(), envelope: () => reader.envelope }
}

/** A whole body of a stream, no longer than `maxBytes`, as text. */
const readAll = async (body: AsyncIterable<unknown>, clock: ExchangeClock, maxBytes: number): Promise<string> => {
  const source = body[Symbol.asyncIterator]()
  const chunks: Buffer[] = []
  let bytes = 0
  try {
    for (let next = await clock.wait(source.next()); next.done !== true; next = await clock.wait(source.next())) {
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value as Uint8Array)
      bytes += chunk.length
      if (bytes > maxBytes) throw TOO_LARGE
      chunks.push(chunk)
    }
    return Buffer.concat(chunks).toString('utf8')
  } finally {
    release(body, source)
  }
}

/**
 * Closes a body being read. A Node stream is destroyed outright: its iterator's `return` would
 * wait for a read in progress, which never ends on a body that stalled.
 */
const release = (body: AsyncIterable<unknown>, source: AsyncIterator<unknown>): void => {
  ;(body as { destroy?: () => void }).destroy?.()
  source.return?.()?.catch(() => undefined)
}

/** The array at `path` in a parsed body, and the body with an empty array there. */
const splitAt = (body: unknown, path: string): { readonly elements: ReadonlyArray<unknown>; readonly envelope: unknown } => {
  const keys = path === '' ? [] : path.split('.')
  const split = (value: unknown, depth: number): { readonly elements: ReadonlyArray<unknown>; readonly envelope: unknown } => {
    if (depth === keys.length) return Array.isArray(value) ? { elements: value, envelope: [] } : { elements: [], envelope: value }
    const key = keys[depth] as string
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, key)) return { elements: [], envelope: value }
    const inner = split((value as Record<string, unknown>)[key], depth + 1)
    return { elements: inner.elements, envelope: { ...value, [key]: inner.envelope } }
  }
  return split(body, 0)
}

async function* fromMemory(elements: ReadonlyArray<unknown>, path: string): AsyncGenerator<ArrayElement, void, undefined> {
  const prefix = path === '' ? '' : `${path}.`
  for (let i = 0; i < elements.length; i++) yield { value: elements[i], at: `${prefix}${i}` }
}

const isAsyncIterable = (u: unknown): u is AsyncIterable<unknown> =>
  typeof u === 'object' && u !== null && typeof (u as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'

const malformed = (provider: ProviderId, operation: Operation): SubUserError =>
  new SubUserError({
    kind: 'decode',
    provider,
    operation,
    fields: [{ path: '', message: 'expected valid JSON' }],
    message: `${provider} ${operation}: unexpected response: (body) expected valid JSON`,
  })

/** Node's longest timer (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1

type ExchangeClock = ReturnType<typeof exchangeClock>

/**
 * The time one exchange may spend waiting for the vendor: it runs only inside `wait` (the
 * request, then each read the consumer asks for), and when it runs out, or the caller aborts,
 * the exchange is stopped (`signal` aborts the request) and the wait in progress fails at once.
 */
const exchangeClock = (ms: number, outer: AbortSignal | undefined) => {
  const controller = new AbortController()
  let left = ms
  let halted: 'expired' | 'aborted' | undefined
  let timer: NodeJS.Timeout | undefined
  let interrupt: ((why: unknown) => void) | undefined
  const halt = (why: 'expired' | 'aborted') => {
    if (halted !== undefined) return
    halted = why
    clearTimeout(timer)
    interrupt?.(why)
    controller.abort()
  }
  const onAbort = () => halt('aborted')
  if (outer?.aborted) halt('aborted')
  const stop = whenAborted(outer, onAbort)
  return {
    signal: controller.signal,
    halted: () => halted,
    wait: <A>(task: Promise<A>): Promise<A> => {
      if (halted === undefined && left <= 0) halt('expired')
      if (halted !== undefined) {
        task.catch(() => undefined)
        return Promise.reject(halted)
      }
      const started = performance.now()
      return new Promise<A>((resolve, reject) => {
        interrupt = reject
        timer = setTimeout(() => halt('expired'), Math.min(left, MAX_TIMER_MS))
        task.then(resolve, reject)
      }).finally(() => {
        clearTimeout(timer)
        interrupt = undefined
        left -= performance.now() - started
      })
    },
    dispose: () => {
      clearTimeout(timer)
      stop()
      controller.abort()
    },
  }
}
