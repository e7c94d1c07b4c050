/**
 * Guards compiled from io-ts codecs that only check: one JavaScript function per codec, its
 * property names, members and elements written out as code, where io-ts's own `is` walks its
 * combinators through shared code on every call. Each check then has a call site of its own,
 * which V8 can inline: on a listing of 100 sub-users that is about twice as fast as a closure
 * per part, and ten times on small records. They accept exactly what the codec's `is` accepts
 * (src/decode.ts relies on that to skip `decode` on a listing).
 *
 * The code is made with `new Function` from the codec's shape alone: property names go in as
 * JSON string literals, and every value a check needs (a literal, a predicate, a `checked`
 * type's guard) is passed in as an argument, never written into the source. Where making
 * code from text is not allowed (`node --disallow-code-generation-from-strings`), the guard is
 * the codec's own `is`: slower, the same answers.
 */
import type * as t from 'io-ts'

/** What a guard compiled here does: the codec's `is`, without the type predicate. */
export type Guard = (u: unknown) => boolean

/** The parts of an io-ts codec this module reads, as io-ts keeps them on its classes. */
interface CodecParts {
  readonly _tag?: string
  readonly is: t.Is<unknown>
  readonly props?: Readonly<Record<string, unknown>>
  readonly types?: ReadonlyArray<unknown>
  readonly type?: unknown
  readonly value?: unknown
  readonly keys?: Readonly<Record<string, unknown>>
  readonly predicate?: (u: unknown) => boolean
}

/** Deeper than this, a part is checked by its own `is` (a codec is rarely a tenth as deep). */
const MAX_DEPTH = 64

/** What the generated code starts with: io-ts's `UnknownRecord.is` for parsed JSON, and `hasOwnProperty`. */
const PRELUDE = '"use strict"; const hasOwn = Object.prototype.hasOwnProperty; const isRecord = (u) => u !== null && typeof u === "object" && !Array.isArray(u);'

/** The source being written for one codec: the values it refers to, the array loops, the temporaries in use. */
interface Source {
  readonly values: unknown[]
  readonly loops: string[]
  temps: number
}

/** A reference, in the code, to a value passed in. */
const valueRef = (src: Source, value: unknown): string => `v[${src.values.push(value) - 1}]`

/** `let t0, t1, …;` for a function body that used `count` temporaries. */
const declare = (count: number): string => (count === 0 ? '' : `let ${Array.from({ length: count }, (_, i) => `t${i}`).join(', ')};`)

/**
 * A JavaScript expression, true when the value in the variable `at` is what `codec.is` accepts.
 * `t.type` and `t.partial` read each property into a temporary of their own; an array's elements
 * are checked in a function of the array's own, since a loop cannot sit in an expression.
 */
const check = (src: Source, c: CodecParts, at: string, depth: number): string => {
  if (depth > MAX_DEPTH) return `${valueRef(src, c)}.is(${at})`
  const inner = (child: unknown, v = at) => check(src, child as CodecParts, v, depth + 1)
  switch (c._tag) {
    case 'StringType':
      return `typeof ${at} === "string"`
    case 'NumberType':
      return `typeof ${at} === "number"`
    case 'BooleanType':
      return `typeof ${at} === "boolean"`
    case 'NullType':
      return `${at} === null`
    case 'UndefinedType':
    case 'VoidType':
      return `${at} === undefined`
    case 'UnknownType':
    case 'AnyType':
      return 'true'
    case 'LiteralType':
      return `${at} === ${valueRef(src, c.value)}`
    case 'KeyofType':
      return `(typeof ${at} === "string" && hasOwn.call(${valueRef(src, c.keys)}, ${at}))`
    case 'InterfaceType':
    case 'PartialType': {
      const parts = [`isRecord(${at})`]
      for (const [name, codec] of Object.entries(c.props!)) {
        const key = JSON.stringify(name)
        const v = `t${src.temps++}`
        // t.type: a key that is missing fails, one present with `undefined` goes to its codec; t.partial: either passes.
        parts.push(c._tag === 'InterfaceType' ? `((${v} = ${at}[${key}]) !== undefined || hasOwn.call(${at}, ${key})) && ${inner(codec, v)}` : `((${v} = ${at}[${key}]) === undefined || ${inner(codec, v)})`)
      }
      return `(${parts.join(' && ')})`
    }
    case 'IntersectionType':
      return `(${c.types!.map((m) => inner(m)).join(' && ')})`
    case 'UnionType':
      return `(${c.types!.map((m) => inner(m)).join(' || ')})`
    case 'ArrayType':
    case 'ReadonlyArrayType': {
      // Its place is kept before the element is written, which may add loops of its own.
      const index = src.loops.push('') - 1
      const name = `a${index}`
      const outer = src.temps
      src.temps = 0
      const element = check(src, c.type as CodecParts, 'e', depth + 1)
      src.loops[index] = `function ${name}(u) { ${declare(src.temps)} for (let i = 0; i < u.length; i++) { const e = u[i]; if (!(${element})) return false } return true }`
      src.temps = outer
      return `(Array.isArray(${at}) && ${name}(${at}))`
    }
    case 'ReadonlyType':
      return inner(c.type)
    case 'RefinementType':
      return `(${inner(c.type)} && ${valueRef(src, c.predicate)}(${at}))`
    case 'NullableType':
      return `(${at} === null || ${inner(c.type)})`
    case 'CheckedType':
      // Its `is` is the guard it was built with, which reads no `this`.
      return `${valueRef(src, c.is)}(${at})`
    default:
      return `${valueRef(src, c)}.is(${at})`
  }
}

/**
 * The guard of one codec, written as code for io-ts's primitives and combinators and for
 * `nullable` and `checked` types; any other part (a record, a tuple, a recursive codec) is
 * checked by its own `is`.
 * @example
 * compileGuard(t.type({ id: t.number }))({ id: 1 }) // true
 */
export const compileGuard = (codec: t.Decoder<unknown, unknown>): Guard => {
  const src: Source = { values: [], loops: [], temps: 0 }
  const body = check(src, codec as unknown as CodecParts, 'u', 0)
  const code = `${PRELUDE}\n${src.loops.join('\n')}\nreturn function guard(u) { ${declare(src.temps)} return ${body} }`
  try {
    return new Function('v', code)(src.values) as Guard
  } catch (e) {
    if (!(e instanceof EvalError)) throw e
    const is = (codec as unknown as CodecParts).is
    return (u) => is.call(codec, u)
  }
}
