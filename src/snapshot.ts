/**
 * Inputs are read once, on entry, into plain data: a getter that throws or
 * answers differently each time, or a Proxy, cannot make a method throw or
 * make what is sent differ from what was checked.
 */
import * as E from 'fp-ts/Either'

/** How deep an input's objects may nest (a deeper or cyclic one is refused). @example MAX_INPUT_DEPTH === 8 */
export const MAX_INPUT_DEPTH = 8

/**
 * A plain copy of a value, read once: objects and arrays are copied by their
 * own enumerable keys (and, for an object, the `known` keys, inherited ones
 * too), a Date becomes a new Date of the same instant; other values are kept.
 * Anything thrown while reading, and nesting deeper than {@link MAX_INPUT_DEPTH},
 * is a Left naming what could not be read.
 * @example
 * snapshot({ username: 'alice001', vendor: { webshare: { maxThreadCount: 5 } } }) // Right(a plain copy)
 * snapshot(new Proxy({}, { ownKeys: () => { throw new Error('no') } })) // Left('could not be read')
 */
export const snapshot = (value: unknown, known: ReadonlyArray<string> = []): E.Either<string, unknown> => {
  try {
    return E.right(copy(value, 0, known))
  } catch (e) {
    return E.left(e instanceof TooDeep ? `nests deeper than ${MAX_INPUT_DEPTH} levels (or refers to itself)` : 'could not be read (a getter or Proxy threw)')
  }
}

class TooDeep extends Error {}

const copy = (value: unknown, depth: number, known: ReadonlyArray<string>): unknown => {
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_INPUT_DEPTH) throw new TooDeep()
  if (value instanceof Date) return new Date(value.getTime())
  if (Array.isArray(value)) return Array.from(value, (v: unknown) => copy(v, depth + 1, []))
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(source), ...known.filter((k) => k in source)])) {
    // Defined, not assigned: a key named __proto__ stays a key.
    Object.defineProperty(out, key, { value: copy(source[key], depth + 1, []), enumerable: true, writable: true, configurable: true })
  }
  return out
}
