/**
 * The one place in the package that runs an io-ts decoder.
 *
 * io-ts's own PathReporter prints the offending value, which could be a
 * password; this report names only the path and the expected type.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import type { Operation, ProviderId } from './domain'
import { SubUserError, type FieldProblem } from './errors'
import type { ArrayElement } from './json-array-stream'
import { compileGuard, type Guard } from './guard'

/**
 * Turns io-ts errors into path/expected-type pairs, without values.
 * Union members that failed deeper are folded into one line per path. A path
 * names only the schema's own keys and array indexes: any other key (a
 * record's key, a key the schema does not declare) is shown as `<key>`, since
 * the payload chose it and it could be anything.
 * @example
 * describeErrors(errors) // [{ path: 'data.list.0.username', message: 'expected string' }]
 * describeErrors(errors) // [{ path: 'proxy_countries.<key>', message: 'expected number' }]
 */
export const describeErrors = (errors: t.Errors): ReadonlyArray<FieldProblem> => {
  const byPath = new Map<string, Set<string>>()
  for (const error of errors) {
    // A union or intersection adds its member index to the context: that is
    // not a payload key, so it is left out of the path.
    const path = error.context
      .flatMap((entry, i) => {
        if (i === 0) return []
        const parent = structural(error.context[i - 1]?.type)
        if (parent?._tag === 'UnionType' || parent?._tag === 'IntersectionType') return []
        return [schemaKey(parent, entry.key)]
      })
      .join('.')
    const expected = error.context[error.context.length - 1]?.type.name ?? 'unknown'
    const seen = byPath.get(path) ?? new Set<string>()
    seen.add(expected)
    byPath.set(path, seen)
  }
  return [...byPath].map(([path, expected]) => ({ path, message: `expected ${[...expected].join(' | ')}` }))
}

interface CodecShape {
  readonly _tag?: string
  readonly type?: unknown
  readonly props?: Readonly<Record<string, unknown>>
}

/** The codec under wrappers that add no key of their own (exact, readonly, refinement, brand, nullable). */
const structural = (codec: unknown): CodecShape | undefined => {
  let c = codec as CodecShape | undefined
  for (let depth = 0; depth < 10 && c !== undefined && ['ExactType', 'ReadonlyType', 'RefinementType', 'NullableType'].includes(c._tag ?? ''); depth++) {
    c = c.type as CodecShape | undefined
  }
  return c
}

/** A key as a path shows it: a declared property or an index as it is, anything else `<key>`. */
const schemaKey = (parent: CodecShape | undefined, key: string): string => {
  const tag = parent?._tag
  if (tag === 'ArrayType' || tag === 'ReadonlyArrayType' || tag === 'TupleType') return /^\d+$/.test(key) ? key : '<key>'
  if ((tag === 'InterfaceType' || tag === 'PartialType' || tag === 'StrictType') && parent?.props !== undefined) {
    return Object.prototype.hasOwnProperty.call(parent.props, key) ? key : '<key>'
  }
  return '<key>'
}

/** The tags of io-ts codecs whose `validate` returns its input unchanged when `is` holds, given members that do too. */
const CHECKING_TAGS: ReadonlySet<string> = new Set([
  'StringType', 'NumberType', 'BooleanType', 'NullType', 'UndefinedType', 'VoidType', 'UnknownType', 'AnyType', 'LiteralType', 'KeyofType',
  'InterfaceType', 'PartialType', 'IntersectionType', 'UnionType', 'ArrayType', 'ReadonlyArrayType', 'ReadonlyType', 'RefinementType',
  'DictionaryType', 'TupleType', 'NullableType', 'CheckedType',
])

/**
 * How many payloads a codec checks before its guard is written as code (src/guard.ts; that takes
 * 5–90 µs, once): a codec an adapter builds anew for each call, and checks once, keeps io-ts's
 * own `is`, and is never compiled.
 */
const COMPILE_AT_CHECK = 2

/** A codec's shortcut: the guard in use, `is` until the codec has checked a payload before. */
interface Shortcut {
  guard: Guard
}

/** io-ts's `is`, which gives way to the compiled guard at the {@link COMPILE_AT_CHECK}th payload. */
const shortcutFor = (codec: t.Mixed): Shortcut => {
  let checks = 0
  const shortcut: Shortcut = {
    guard: (u) => {
      if (++checks < COMPILE_AT_CHECK) return codec.is(u)
      shortcut.guard = compileGuard(codec)
      return shortcut.guard(u)
    },
  }
  return shortcut
}

const shortcuts = new WeakMap<object, Shortcut | null>()

/** The codecs a codec is built from (members, properties, element, inner), as io-ts keeps them. */
const children = (codec: CodecShape & { readonly types?: unknown; readonly codomain?: unknown; readonly domain?: unknown }): unknown[] => {
  const out: unknown[] = []
  if (codec.props !== undefined) out.push(...Object.values(codec.props))
  if (Array.isArray(codec.types)) out.push(...(codec.types as unknown[]))
  if (codec.type !== undefined) out.push(codec.type)
  if (codec.domain !== undefined) out.push(codec.domain, codec.codomain)
  return out
}

/** Whether every codec in the tree only checks (never converts), so a value it accepts decodes to itself. */
const onlyChecks = (codec: unknown, depth: number): boolean => {
  const c = codec as CodecShape
  if (depth > 64 || typeof c !== 'object' || c === null || !CHECKING_TAGS.has(c._tag ?? '')) return false
  return children(c).every((child) => onlyChecks(child, depth + 1))
}

/**
 * The codec's `is`, when it can stand in for `decode`: every part of the codec only checks
 * (io-ts's primitives and combinators, {@link NullableType}, `checked` types), so a payload that
 * `is` accepts would decode to itself. From the codec's second payload on, `is` is written as
 * code (src/guard.ts). A guard allocates no context, no Either and no copy, which makes it several
 * times faster on a listing; a payload it refuses goes through `decode` for the report. A codec
 * with any converting part (a custom `t.Type`, `t.exact`) gets no shortcut.
 * @example
 * identityGuard(t.type({ id: t.number }))?.({ id: 1 }) // true
 */
export const identityGuard = (codec: t.Decoder<unknown, unknown>): ((u: unknown) => boolean) | undefined => {
  let shortcut = shortcuts.get(codec)
  if (shortcut === undefined) {
    shortcut = onlyChecks(codec, 0) ? shortcutFor(codec as t.Mixed) : null
    shortcuts.set(codec, shortcut)
  }
  if (shortcut === null) return undefined
  const held = shortcut
  return (u) => held.guard(u)
}

/**
 * Decodes a value, or lists every problem with its path and expected type
 * (never the value), for inputs that are not a vendor's response, such as a manifest.
 * @example
 * decodeProblems(t.type({ username: t.string }))({}) // Left([{ path: 'username', message: 'expected string' }])
 */
export const decodeProblems =
  <A>(decoder: t.Decoder<unknown, A>) =>
  (value: unknown): E.Either<ReadonlyArray<FieldProblem>, A> =>
    pipe(decoder.decode(value), E.mapLeft(describeErrors))

/**
 * Decodes an unknown payload with a codec; a failure is a `decode` SubUserError
 * whose `fields` name each failing path and its expected type. `at` is the
 * payload's own path when it was taken out of a larger reply.
 * @example
 * pipe(json, decodeWith(WebshareSubUser, 'webshare', 'get'))
 * decodeWith(ThordataUser, 'thordata', 'get', 'data.list.3')(record) // paths such as data.list.3.password
 */
export const decodeWith = <A>(decoder: t.Decoder<unknown, A>, provider: ProviderId, operation: Operation, at = '') => {
  const accepts = identityGuard(decoder)
  const report = (problems: ReadonlyArray<FieldProblem>): SubUserError => {
    const fields = at === '' ? problems : problems.map((p) => ({ ...p, path: p.path === '' ? at : `${at}.${p.path}` }))
    const shown = fields.slice(0, 5).map((f) => `${f.path || '(body)'} ${f.message}`)
    return new SubUserError({
      kind: 'decode',
      provider,
      operation,
      fields,
      message: `${provider} ${operation}: unexpected response: ${shown.join('; ')}${fields.length > 5 ? ` (+${fields.length - 5} more)` : ''}`,
    })
  }
  return (payload: unknown): E.Either<SubUserError, A> =>
    accepts?.(payload) === true ? E.right(payload as A) : pipe(decodeProblems(decoder)(payload), E.mapLeft(report))
}

/**
 * The elements of a streamed array (`StreamedArray.elements`), each decoded as it arrives; the
 * first that fails is thrown as the `decode` SubUserError that {@link decodeWith} gives, its
 * paths under the element's own (`data.list.7.username`).
 * @example
 * for await (const user of decodeElements(ThordataUser, 'thordata', 'list')(reply.elements)) use(user)
 */
export const decodeElements = <A>(decoder: t.Decoder<unknown, A>, provider: ProviderId, operation: Operation) => {
  const decode = decodeWith(decoder, provider, operation)
  return async function* (elements: AsyncIterable<ArrayElement> | Iterable<ArrayElement>): AsyncGenerator<A, void, undefined> {
    for await (const { value, at } of elements) {
      const decoded = decode(value)
      if (E.isRight(decoded)) yield decoded.right
      // Rare: decoded again for a report whose paths start at the element's.
      else throw (decodeWith(decoder, provider, operation, at)(value) as E.Left<SubUserError>).left
    }
  }
}
