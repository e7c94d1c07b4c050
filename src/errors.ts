/**
 * The one error type of the package. Every failure, from bad input to a lost
 * connection, is a SubUserError with a `kind`; its message is built by us from
 * safe pieces only, never from a request, a header or a decoded value.
 */
import type { Operation, ProviderId } from './domain'
import { redact } from './secret'

/**
 * What went wrong, independent of the vendor.
 * @example
 * if (e.kind === 'rate_limited') await sleep(e.retryAfterMs ?? 1000)
 */
export type SubUserErrorKind =
  | 'validation'
  | 'auth'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'quota'
  | 'unsupported'
  | 'decode'
  | 'network'
  | 'timeout'
  | 'vendor'

/**
 * One problem with one field (input validation, a vendor's field errors, or a
 * decode failure: then `path` is the payload path and `message` the expected type).
 * @example
 * const f: FieldProblem = { path: 'username', message: 'must be 6 to 15 letters or digits' }
 */
export interface FieldProblem {
  readonly path: string
  readonly message: string
}

/**
 * Everything needed to build a {@link SubUserError}.
 * @example
 * new SubUserError({ kind: 'not_found', provider: 'webshare', operation: 'get', message: 'no sub-user 42' })
 */
export interface SubUserErrorInit {
  readonly kind: SubUserErrorKind
  readonly provider: ProviderId
  readonly operation: Operation
  readonly message: string
  readonly retryable?: boolean
  readonly status?: number
  readonly vendorCode?: string | number
  readonly retryAfterMs?: number
  readonly fields?: ReadonlyArray<FieldProblem>
  /** What a write of several steps changed before the step that failed (see {@link SubUserError.applied}). */
  readonly applied?: ReadonlyArray<string>
}

const BRAND = Symbol.for('proxy-subusers.SubUserError')
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')

/** Kinds that are worth retrying when nothing else is known. */
const RETRYABLE_BY_DEFAULT: ReadonlySet<SubUserErrorKind> = new Set(['rate_limited', 'network', 'timeout'])

/**
 * The error every operation fails with. `SubUserError.is` recognises it even
 * when two copies of the package are loaded.
 * @example
 * const r = await p.get('42')()
 * if (E.isLeft(r) && r.left.kind === 'not_found') console.log('gone')
 */
export class SubUserError extends Error {
  readonly kind: SubUserErrorKind
  readonly provider: ProviderId
  readonly operation: Operation
  readonly retryable: boolean
  readonly status?: number
  readonly vendorCode?: string | number
  readonly retryAfterMs?: number
  readonly fields?: ReadonlyArray<FieldProblem>
  /**
   * For a write the vendor takes in several calls (an update that changes credentials in one
   * and the traffic limit in another): the fields that did change before the failing step,
   * such as `['password']`. Absent when nothing was applied, or the write is one call.
   */
  readonly applied?: ReadonlyArray<string>

  constructor(init: SubUserErrorInit) {
    super(init.message)
    this.name = 'SubUserError'
    this.kind = init.kind
    this.provider = init.provider
    this.operation = init.operation
    this.retryable = init.retryable ?? RETRYABLE_BY_DEFAULT.has(init.kind)
    if (init.status !== undefined) this.status = init.status
    if (init.vendorCode !== undefined) this.vendorCode = init.vendorCode
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs
    if (init.fields !== undefined) this.fields = init.fields
    if (init.applied !== undefined) this.applied = init.applied
    Object.defineProperty(this, BRAND, { value: true })
  }

  /**
   * True for a SubUserError from any copy of this package.
   * @example
   * try { await pp.get('x') } catch (e) { if (SubUserError.is(e)) console.log(e.kind) }
   */
  static is(u: unknown): u is SubUserError {
    return typeof u === 'object' && u !== null && (u as Record<symbol, unknown>)[BRAND] === true
  }

  /** A plain, secret-free object (what `JSON.stringify` prints). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      provider: this.provider,
      operation: this.operation,
      message: this.message,
      retryable: this.retryable,
      status: this.status,
      vendorCode: this.vendorCode,
      retryAfterMs: this.retryAfterMs,
      fields: this.fields,
      applied: this.applied,
    }
  }

  /** `util.inspect` shows the same fields as `toJSON`, without a stack of internals. */
  [inspectSymbol](): string {
    return `SubUserError ${JSON.stringify(this.toJSON())}`
  }
}

/**
 * Shorthand for a `validation` error listing every problem at once.
 * @example
 * validationError('thordata', 'create', [{ path: 'username', message: 'too short' }])
 */
export const validationError = (
  provider: ProviderId,
  operation: Operation,
  fields: ReadonlyArray<FieldProblem>,
): SubUserError =>
  new SubUserError({
    kind: 'validation',
    provider,
    operation,
    fields,
    message: `${provider} ${operation}: invalid input: ${fields.map((f) => `${f.path || '(input)'} ${f.message}`).join('; ')}`,
  })

/**
 * Shorthand for an `unsupported` error naming the field or operation the vendor cannot honour.
 * @example
 * unsupportedError('webshare', 'update', 'password', 'Webshare keeps no password on a sub-user')
 */
export const unsupportedError = (
  provider: ProviderId,
  operation: Operation,
  field: string,
  why: string,
): SubUserError =>
  new SubUserError({
    kind: 'unsupported',
    provider,
    operation,
    fields: [{ path: field, message: why }],
    message: `${provider} ${operation}: ${field} is not supported: ${why}`,
  })

/**
 * The same error, saying what its write had changed before it failed (see
 * {@link SubUserError.applied}); the error as it is when nothing was applied.
 * @example
 * withApplied(giveFailed, ['password']).applied // ['password']
 */
export const withApplied = (e: SubUserError, applied: ReadonlyArray<string>): SubUserError => {
  if (applied.length === 0) return e
  const message = `${e.message} (applied before it failed: ${applied.join(', ')})`
  return new SubUserError({
    kind: e.kind,
    provider: e.provider,
    operation: e.operation,
    message,
    retryable: e.retryable,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(e.vendorCode === undefined ? {} : { vendorCode: e.vendorCode }),
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
    ...(e.fields === undefined ? {} : { fields: e.fields }),
    applied: [...(e.applied ?? []), ...applied],
  })
}

/**
 * The same error with every given secret redacted (see `redact`) from its
 * message, `vendorCode`, `fields` and `stack`: the one step that makes an
 * error safe to print, whatever put text into it.
 * @example
 * redactError(e, [apiKey]).message // '… code [REDACTED] …' where the vendor echoed the key
 */
export const redactError = (e: SubUserError, secrets: ReadonlyArray<string>): SubUserError => {
  if (secrets.length === 0) return e
  const clean = (text: string) => redact(text, secrets)
  const message = clean(e.message)
  const code = e.vendorCode === undefined ? undefined : clean(String(e.vendorCode)) === String(e.vendorCode) ? e.vendorCode : clean(String(e.vendorCode))
  const fields = e.fields?.map((f) => ({ path: clean(f.path), message: clean(f.message) }))
  const stack = e.stack === undefined ? undefined : clean(e.stack)
  const same = message === e.message && code === e.vendorCode && stack === e.stack && (fields ?? []).every((f, i) => f.path === e.fields?.[i]?.path && f.message === e.fields?.[i]?.message)
  if (same) return e
  const out = new SubUserError({
    kind: e.kind,
    provider: e.provider,
    operation: e.operation,
    message,
    retryable: e.retryable,
    ...(e.status === undefined ? {} : { status: e.status }),
    ...(code === undefined ? {} : { vendorCode: code }),
    ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
    ...(fields === undefined ? {} : { fields }),
    ...(e.applied === undefined ? {} : { applied: e.applied }),
  })
  // The stack names files and functions, which an ordinary-word credential could match.
  if (out.stack !== undefined) Object.defineProperty(out, 'stack', { value: clean(out.stack), writable: true, configurable: true })
  return out
}
