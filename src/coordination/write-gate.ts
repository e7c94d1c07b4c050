/**
 * The gate a run that holds a lock puts in front of its writes: the HTTP
 * layer asks it right before sending anything but a read, so a write still
 * waiting for its turn when the lock is lost is never sent. It travels with
 * the call in an AsyncLocalStorage, as call options do.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { CoordinationError } from './error'

/**
 * Undefined when a write may go; the reason when it may not.
 * @example
 * const gate: WriteGate = () => lock.lost()
 */
export type WriteGate = () => CoordinationError | undefined

const storage = new AsyncLocalStorage<WriteGate>()

/**
 * Runs `task` with `gate` in front of every write it sends.
 * @example
 * await withWriteGate(() => lock.lost(), () => provider.create(input)())
 */
export const withWriteGate = <A>(gate: WriteGate, task: () => Promise<A>): Promise<A> => storage.run(gate, task)

/**
 * The gate in effect, if any (read when a request is made, asked when it is sent).
 * @example
 * const gate = currentWriteGate(); const refusal = gate?.()
 */
export const currentWriteGate = (): WriteGate | undefined => storage.getStore()
