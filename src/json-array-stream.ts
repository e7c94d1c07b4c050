/**
 * One JSON array read out of a body as its bytes arrive: each element is handed over when its
 * last byte has been parsed and is then dropped from the document, so memory holds the elements
 * of one chunk, not the reply. Everything else in the body (the "envelope": a vendor's code,
 * message, counts) is kept, so the vendor can still read it.
 *
 * The parser is `@streamparser/json`: typed, without dependencies, maintained, held to the JSON
 * spec (it accepts and refuses what `JSON.parse` does; a `__proto__` key stays a plain key), it
 * takes bytes (a character split between two chunks is joined) and selects values by path.
 * `jsonparse`, the long-standing one, is untyped and hands its mutable stack to callbacks;
 * `clarinet` only emits SAX events, so values would be assembled here. It is loaded on the first
 * streamed reply, as axios is on the first request.
 */
import type { JSONParser, ParsedElementInfo } from '@streamparser/json'

/**
 * One element of the streamed array and where it was in the body (`data.list.7`; `7` for a body
 * that is the array): decode it with that path so a report names `data.list.7.username`.
 * @example
 * const e: ArrayElement = { value: { username: 'alice01' }, at: 'data.list.0' }
 */
export interface ArrayElement {
  readonly value: unknown
  readonly at: string
}

/**
 * Thrown by {@link ArrayReader} when the body is not one JSON value. It carries no text of the
 * parser's, whose messages quote the offending characters (which could be a password).
 * @example
 * if (e instanceof MalformedJson) return decodeError()
 */
export class MalformedJson extends Error {
  constructor() {
    super('the body is not valid JSON')
    this.name = 'MalformedJson'
  }
}

/**
 * A push parser for one body: `write` its chunks, then `end`; `take` hands over the elements
 * completed so far, oldest first.
 * @example
 * const reader = await arrayReader('data.list')
 * reader.write(chunk)
 * for (let e = reader.take(); e !== undefined; e = reader.take()) use(e)
 */
export interface ArrayReader {
  /** Parses a chunk; throws {@link MalformedJson} (the elements completed before the fault stay to be taken). */
  write(chunk: Uint8Array | string): void
  /** The body has ended; throws {@link MalformedJson} when the value is incomplete. */
  end(): void
  /** The next element completed and not yet taken. */
  take(): ArrayElement | undefined
  /** How many elements have been completed in all. */
  readonly count: number
  /** How many completed elements are still to be taken. */
  readonly pending: number
  /**
   * The body with the array's elements left out: as read so far once an element has been
   * completed (undefined before), whole once `end` has returned; live, so not to be changed.
   */
  readonly envelope: unknown
}

type Parser = typeof JSONParser

let loading: Promise<Parser> | undefined

/** The parser class, from the named export (ES module) or the default's (CommonJS through an interop). */
const loadParser = (): Promise<Parser> =>
  (loading ??= import('@streamparser/json').then((m) => {
    const loaded = m as unknown as { readonly JSONParser?: Parser; readonly default?: { readonly JSONParser: Parser } }
    return loaded.JSONParser ?? (loaded.default as { readonly JSONParser: Parser }).JSONParser
  }))

/**
 * A reader of the array at `path`: keys joined by dots (`data.list`), `''` for a body that is the
 * array itself. A value found there that is not an array is left in the envelope, for the vendor
 * to refuse.
 * @example
 * const reader = await arrayReader('data.list')
 */
export const arrayReader = async (path: string): Promise<ArrayReader> => {
  const Parser = await loadParser()
  // `separator: ''` lets whitespace follow the value, as JSON.parse does; a second value is refused below.
  const parser = new Parser({ paths: [path === '' ? '$.*' : `$.${path}.*`, '$'], separator: '' })
  const prefix = path === '' ? '' : `${path}.`
  let queue: ArrayElement[] = []
  let head = 0
  let count = 0
  let root: unknown
  let rootDone = false
  let broken = false
  parser.onValue = ({ value, key, parent, stack }: ParsedElementInfo) => {
    if (stack.length === 0) {
      if (rootDone) throw new MalformedJson()
      rootDone = true
      root = value
      return
    }
    // The selector also matches the members of an object at the path: those stay where they are.
    if (!Array.isArray(parent)) return
    // The element is the array's last item: dropping it keeps the array empty.
    parent.length -= 1
    root ??= stack.length > 1 ? stack[1]?.value : parent
    queue.push({ value, at: `${prefix}${String(key)}` })
    count++
  }
  const guarded = (run: () => void) => {
    if (broken) throw new MalformedJson()
    try {
      run()
    } catch {
      broken = true
      throw new MalformedJson()
    }
  }
  return {
    write: (chunk) => guarded(() => parser.write(chunk)),
    end: () => guarded(() => {
      if (!parser.isEnded) parser.end()
    }),
    take: () => {
      if (head >= queue.length) {
        if (head > 0) {
          queue = []
          head = 0
        }
        return undefined
      }
      const element = queue[head]
      queue[head++] = undefined as unknown as ArrayElement
      return element
    },
    get count() {
      return count
    },
    get pending() {
      return queue.length - head
    },
    get envelope() {
      return root
    },
  }
}
