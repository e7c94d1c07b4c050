/**
 * Guards compiled from io-ts codecs that only check: one closure per part of the codec, with
 * the property names, members and elements bound once, where io-ts's own `is` walks its
 * combinators through shared code on every call. They accept exactly what the codec's `is`
 * accepts (src/decode.ts relies on that to skip `decode` on a listing).
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

const hasOwn = Object.prototype.hasOwnProperty

/** io-ts's `UnknownRecord.is`. */
const isRecord = (u: unknown): u is Record<string, unknown> => u !== null && typeof u === 'object' && !Array.isArray(u)

const always: Guard = () => true

/** A guard for `t.type` props: every key checked, a missing key only if its codec accepts `undefined` and the key is present. */
const interfaceGuard = (keys: ReadonlyArray<string>, guards: ReadonlyArray<Guard>): Guard => {
  const n = keys.length
  return (u) => {
    if (!isRecord(u)) return false
    for (let i = 0; i < n; i++) {
      const k = keys[i]!
      const v = u[k]
      if ((v === undefined && !hasOwn.call(u, k)) || !guards[i]!(v)) return false
    }
    return true
  }
}

/** A guard for `t.partial` props: a key absent or `undefined` passes, any other value is checked. */
const partialGuard = (keys: ReadonlyArray<string>, guards: ReadonlyArray<Guard>): Guard => {
  const n = keys.length
  return (u) => {
    if (!isRecord(u)) return false
    for (let i = 0; i < n; i++) {
      const v = u[keys[i]!]
      if (v !== undefined && !guards[i]!(v)) return false
    }
    return true
  }
}

const arrayGuard =
  (element: Guard): Guard =>
  (u) => {
    if (!Array.isArray(u)) return false
    for (let i = 0; i < u.length; i++) if (!element(u[i])) return false
    return true
  }

const everyGuard = (members: ReadonlyArray<Guard>): Guard =>
  members.length === 2
    ? ((a, b) => (u: unknown) => a(u) && b(u))(members[0]!, members[1]!)
    : (u) => {
        for (const m of members) if (!m(u)) return false
        return true
      }

const someGuard =
  (members: ReadonlyArray<Guard>): Guard =>
  (u) => {
    for (const m of members) if (m(u)) return true
    return false
  }

/**
 * The guard of one codec: compiled for io-ts's primitives and combinators and for
 * `nullable`; a `checked` type is its own guard; any other part (a record, a tuple) keeps its
 * own `is`.
 * @example
 * compileGuard(t.type({ id: t.number }))({ id: 1 }) // true
 */
export const compileGuard = (codec: t.Decoder<unknown, unknown>): Guard => compile(codec as unknown as CodecParts, 0)

const compile = (c: CodecParts, depth: number): Guard => {
  if (depth > 64) return (u) => c.is(u)
  const inner = (child: unknown) => compile(child as CodecParts, depth + 1)
  switch (c._tag) {
    case 'StringType':
      return (u) => typeof u === 'string'
    case 'NumberType':
      return (u) => typeof u === 'number'
    case 'BooleanType':
      return (u) => typeof u === 'boolean'
    case 'NullType':
      return (u) => u === null
    case 'UndefinedType':
    case 'VoidType':
      return (u) => u === undefined
    case 'UnknownType':
    case 'AnyType':
      return always
    case 'LiteralType': {
      const value = c.value
      return (u) => u === value
    }
    case 'KeyofType': {
      const keys = c.keys!
      return (u) => typeof u === 'string' && hasOwn.call(keys, u)
    }
    case 'InterfaceType':
    case 'PartialType': {
      const keys = Object.keys(c.props!)
      const guards = keys.map((k) => inner(c.props![k]))
      return c._tag === 'InterfaceType' ? interfaceGuard(keys, guards) : partialGuard(keys, guards)
    }
    case 'IntersectionType':
      return everyGuard(c.types!.map(inner))
    case 'UnionType':
      return someGuard(c.types!.map(inner))
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return arrayGuard(inner(c.type))
    case 'ReadonlyType':
      return inner(c.type)
    case 'RefinementType': {
      const base = inner(c.type)
      const predicate = c.predicate!
      return (u) => base(u) && predicate(u)
    }
    case 'NullableType': {
      const base = inner(c.type)
      return (u) => u === null || base(u)
    }
    case 'CheckedType':
      // Its `is` is the guard it was built with, which reads no `this`.
      return c.is
    default:
      return (u) => c.is(u)
  }
}
