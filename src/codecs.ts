/**
 * io-ts combinators the vendor codecs share.
 */
import * as t from 'io-ts'
import { parseUtcDay } from './usage'

/**
 * `codec` or null. Decodes as `t.union([codec, t.null])` would and is named
 * alike (`number | null`), so errors read the same; it skips the union's
 * attempt at each member, which counts when a list holds thousands of records
 * with a dozen nullable fields each. A failure names the inner path only.
 * @example
 * const Counter = nullable(t.number)
 * Counter.decode(null) // Right(null)
 * Counter.decode('x')  // Left: expected number | null
 */
export const nullable = <C extends t.Mixed>(codec: C): NullableType<C> => new NullableType(codec)

/**
 * The codec {@link nullable} builds. It keeps its inner codec as `type`, as
 * io-ts's own wrappers do, so a decode report can tell the inner codec's keys.
 * @example
 * nullable(t.number).type // t.number
 */
export class NullableType<C extends t.Mixed> extends t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown> {
  readonly _tag = 'NullableType' as const
  constructor(readonly type: C) {
    super(
      `${type.name} | null`,
      (u): u is t.TypeOf<C> | null => u === null || type.is(u),
      (u, context) => (u === null ? t.success(null) : type.validate(u, context)),
      (a) => (a === null ? null : type.encode(a)),
    )
  }
}

/**
 * The codec {@link checked} builds: it accepts what its guard accepts, unchanged, and reports the
 * rest as `expected <name>`. Its tag tells the decode step that it only checks, so a listing of
 * such codecs can be accepted by `is` alone (src/decode.ts).
 * @example
 * new CheckedType('even number', (u): u is number => typeof u === 'number' && u % 2 === 0)
 */
export class CheckedType<A> extends t.Type<A, A, unknown> {
  readonly _tag = 'CheckedType' as const
  constructor(name: string, guard: (u: unknown) => u is A) {
    super(name, guard, (u, context) => (guard(u) ? t.success(u) : t.failure(u, context)), t.identity)
  }
}

/**
 * A codec that checks a value and never converts it: what the vendor sent, or a decode error at
 * its path naming `name` as the expected type.
 * @example
 * const Status = checked('"on" | "off"', (u): u is 'on' | 'off' => u === 'on' || u === 'off')
 * Status.decode('on') // Right('on')
 */
export const checked = <A>(name: string, guard: (u: unknown) => u is A): CheckedType<A> => new CheckedType(name, guard)

/** A number codec that accepts what `is` accepts and reports the rest as `expected <name>`. */
const numberWhere = (name: string, is: (u: number) => boolean) => checked(name, (u: unknown): u is number => typeof u === 'number' && is(u))

/**
 * A finite number ≥ 0: a limit, a usage counter, a count. A vendor's
 * `1e309` (read as Infinity), NaN or a negative number is a decode error at
 * its path, never mapped (Infinity would print as null, "unlimited").
 * @example
 * NonNegative.decode(2.5)   // Right(2.5)
 * NonNegative.decode(1e309) // Left: expected non-negative number
 */
export const NonNegative = numberWhere('non-negative number', (n) => Number.isFinite(n) && n >= 0)
export type NonNegative = t.TypeOf<typeof NonNegative>

/**
 * A whole number ≥ 0 that a double holds exactly (at most
 * Number.MAX_SAFE_INTEGER, 2^53 − 1): a numeric id. Larger ids are decode
 * errors, since two of them can read as the same number.
 * @example
 * SafeId.decode(42)                // Right(42)
 * SafeId.decode(9007199254740993)  // Left: expected whole number ≤ 2^53 − 1
 */
export const SafeId = numberWhere('whole number ≤ 2^53 − 1', (n) => Number.isSafeInteger(n) && n >= 0)
export type SafeId = t.TypeOf<typeof SafeId>

/**
 * A calendar day as `YYYY-MM-DD` (a real day: no 2025-02-30), as vendors date their usage rows.
 * Checked, not converted.
 * @example
 * UtcDay.decode('2025-03-02') // Right('2025-03-02')
 * UtcDay.decode('2025-3-2')   // Left: expected YYYY-MM-DD
 */
export const UtcDay = checked('YYYY-MM-DD', (u): u is string => parseUtcDay(u) !== undefined)
export type UtcDay = t.TypeOf<typeof UtcDay>

/**
 * A TCP port, a whole number from 1 to 65535.
 * @example
 * Port.decode(9999) // Right(9999)
 * Port.decode(0)    // Left: expected port (1 to 65535)
 */
export const Port = numberWhere('port (1 to 65535)', (n) => Number.isInteger(n) && n >= 1 && n <= 65_535)
export type Port = t.TypeOf<typeof Port>
