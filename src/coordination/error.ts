/**
 * How coordination fails: a backend that cannot be reached or a lock that was
 * lost, and the SubUserError a provider's operation reports for it.
 */
import type { Operation } from '../domain'
import { SubUserError } from '../errors'

const BRAND = Symbol.for('proxy-subusers.CoordinationError')

/**
 * A coordination backend failed (`network`: it could not be reached or did
 * not answer in time) or a lock was lost (`conflict`: it expired, so another
 * run may hold it now). The message names the backend (e.g. Redis) and never
 * holds a URL, a password or a credential.
 * @example
 * throw new CoordinationError('network', 'Redis did not answer within 2000 ms')
 */
export class CoordinationError extends Error {
  readonly kind: 'network' | 'conflict'

  constructor(kind: 'network' | 'conflict', message: string) {
    super(message)
    this.name = 'CoordinationError'
    this.kind = kind
    Object.defineProperty(this, BRAND, { value: true })
  }

  /**
   * True for a CoordinationError from any copy of this package.
   * @example
   * if (CoordinationError.is(e)) console.error(e.message)
   */
  static is(u: unknown): u is CoordinationError {
    return typeof u === 'object' && u !== null && (u as Record<symbol, unknown>)[BRAND] === true
  }
}

/**
 * A backend failure or a lost lock as the SubUserError of a provider's
 * operation (not `retryable`: it is loud, and the run decides).
 * @example
 * coordinationError('webshare', 'create', new CoordinationError('network', 'Redis did not answer within 2000 ms'))
 */
export const coordinationError = (provider: string, operation: Operation, e: CoordinationError, detail = ''): SubUserError =>
  new SubUserError({ kind: e.kind, provider, operation, retryable: false, message: `${provider} ${operation}: ${e.message}${detail}` })
