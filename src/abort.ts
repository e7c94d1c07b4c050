/**
 * Abort listeners, at most one on each signal. A caller that shares one AbortSignal among many
 * calls (one controller to cancel a batch of creates) would otherwise get one listener on it per
 * call queued or in flight, and Node warns past ten (`MaxListenersExceededWarning`).
 */

/** The callbacks waiting on each signal, run by its one listener. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>()

const nothing = (): void => undefined

/**
 * Runs `run` once when `signal` aborts (never when `signal` is undefined, or has already aborted:
 * check `aborted` first, as with `addEventListener`). The function returned stops it. However
 * many calls wait on one signal, the signal holds one listener of this module's.
 * @example
 * const stop = whenAborted(signal, () => controller.abort(signal?.reason))
 * try { await work(controller.signal) } finally { stop() }
 */
export const whenAborted = (signal: AbortSignal | undefined, run: () => void): (() => void) => {
  if (signal === undefined || signal.aborted) return nothing
  const runs = waiting.get(signal) ?? listen(signal)
  // An entry of its own, so the same function waiting twice runs twice.
  const entry = () => run()
  runs.add(entry)
  return () => {
    runs.delete(entry)
  }
}

/** The signal's one listener, which runs whatever waits on it then. */
const listen = (signal: AbortSignal): Set<() => void> => {
  const runs = new Set<() => void>()
  waiting.set(signal, runs)
  signal.addEventListener(
    'abort',
    () => {
      waiting.delete(signal)
      for (const r of runs) r()
    },
    { once: true },
  )
  return runs
}
