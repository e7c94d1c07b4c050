/**
 * Deadlines as signals: {@link abortAfter} gives an AbortSignal, {@link deadlineAfter} a
 * {@link DeadlineSignal}, the lighter kind axios's own adapters read: `aborted`, `reason`,
 * `addEventListener` and `removeEventListener` (axios's `GenericAbortSignal`). Node's
 * `AbortController` costs about 4 µs more an exchange than this, nearly all of it its event
 * machinery (measured, bench/PROFILE.md); this costs its timer. It is handed only to an axios
 * instance the package made itself, whose adapters are axios's own: an injected instance's
 * adapter may pass `config.signal` on to something that wants a real `AbortSignal`.
 */
import { whenAborted } from './abort'

type Listener = (this: DeadlineSignal, event: { readonly type: 'abort'; readonly target: DeadlineSignal }) => void

/**
 * A signal that aborts once, when {@link DeadlineSignal.abort} is called, running each `abort`
 * listener once with an event-like `{ type: 'abort' }` and itself as `this`.
 * @example
 * const s = new DeadlineSignal()
 * s.addEventListener('abort', () => console.log('stopped', s.reason))
 * s.abort(new Error('deadline')) // logs once; s.aborted === true
 */
export class DeadlineSignal {
  aborted = false
  reason: unknown = undefined
  #listeners: Listener[] = []

  /** Adds an `abort` listener (any other type is ignored: this signal has no other event). */
  addEventListener(type: string, listener: Listener): void {
    if (type === 'abort' && !this.#listeners.includes(listener)) this.#listeners.push(listener)
  }

  removeEventListener(type: string, listener: Listener): void {
    const at = type === 'abort' ? this.#listeners.indexOf(listener) : -1
    if (at >= 0) this.#listeners.splice(at, 1)
  }

  /** Aborts with `reason` and runs the listeners; a second call does nothing. */
  abort(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    const event = { type: 'abort', target: this } as const
    for (const listener of this.#listeners.splice(0)) listener.call(this, event)
  }
}

/** What a deadline aborts: a signal, and the way to abort it with a reason. */
interface Abortable<S> {
  readonly signal: S
  abort(reason: unknown): void
}

/**
 * A deadline as a signal: `timedOut` tells whether it was the deadline (not the caller) that
 * aborted it, and `clear` drops its timer and its listener on the caller's signal.
 * @example
 * const d: Deadline<AbortSignal> = abortAfter(1_000, undefined)
 */
export interface Deadline<S> {
  readonly signal: S | AbortSignal | undefined
  timedOut(): boolean
  clear(): void
}

/** A signal that aborts after `ms`, or when `outer` does; `outer` itself when `ms` is Infinity. */
const after = <S>(ms: number, outer: AbortSignal | undefined, make: () => Abortable<S>): Deadline<S> => {
  if (ms === Infinity) return { signal: outer, timedOut: () => false, clear: () => undefined }
  const controller = make()
  let timedOut = false
  const onAbort = () => controller.abort(outer?.reason)
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new Error('deadline'))
  }, Math.min(Math.max(0, ms), 2 ** 31 - 1))
  if (outer?.aborted) onAbort()
  const stop = whenAborted(outer, onAbort)
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer)
      stop()
    },
  }
}

/**
 * An AbortSignal that aborts after `ms` (never when Infinity), or when `outer` does (with its
 * reason), whichever comes first; `timedOut` tells which, and `clear` drops the timer and the
 * listener on `outer`. With `ms` Infinity, `outer` itself.
 * @example
 * const queue = abortAfter(remainingMs(), callerSignal)
 * try { await scheduler.schedule(send, queue.signal) } finally { queue.clear() }
 */
export const abortAfter = (ms: number, outer: AbortSignal | undefined): Deadline<AbortSignal> => after(ms, outer, () => new AbortController())

/**
 * {@link abortAfter} with a {@link DeadlineSignal}, for an axios instance on axios's own adapters.
 * @example
 * const deadline = deadlineAfter(30_000, callerSignal)
 * try { await instance.request({ ...config, signal: deadline.signal }) } finally { deadline.clear() }
 */
export const deadlineAfter = (ms: number, outer: AbortSignal | undefined): Deadline<DeadlineSignal> =>
  after(ms, outer, () => {
    const signal = new DeadlineSignal()
    return { signal, abort: (reason) => signal.abort(reason) }
  })
