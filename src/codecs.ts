/**
 * io-ts combinators the vendor codecs share.
 */
import * as t from 'io-ts'

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
