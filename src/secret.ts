/**
 * A value that must not be printed by accident.
 */
const REDACTED = '[REDACTED]'
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')

/**
 * A secret value (a sub-user's password). `toString`, `toJSON`, template
 * strings and `util.inspect` all print `[REDACTED]`; only `reveal()` gives the value.
 * @example
 * const pw = user.password?.reveal()
 */
export interface Secret {
  reveal(): string
}

/**
 * Wraps a string so that it only comes out through `reveal()`.
 * @example
 * const s = secret('Pw12345a')
 * String(s) // '[REDACTED]'
 * s.reveal() // 'Pw12345a'
 */
export const secret = (value: string): Secret => new RedactedSecret(value)

// One class, its methods on the prototype: a secret per listed sub-user costs one small object, not five closures.
// The value is a private field, which nothing outside the class can read or change; the prototype
// is frozen below, so assigning over a method (`s.toString = ...`) fails instead of hiding it.
// (Freezing each instance as well cost about 40 ns a secret, one per listed sub-user.)
class RedactedSecret implements Secret {
  readonly #value: string
  constructor(value: string) {
    this.#value = value
  }
  reveal(): string {
    return this.#value
  }
  toString(): string {
    return REDACTED
  }
  toJSON(): string {
    return REDACTED
  }
  [Symbol.toPrimitive](): string {
    return REDACTED
  }
  [inspectSymbol](): string {
    return REDACTED
  }
}
Object.freeze(RedactedSecret.prototype)

/**
 * The shortest value {@link redact} treats as a secret. Providers refuse
 * credentials shorter than this at construction, so no credential is ever
 * left unredacted for being short. @example MIN_SECRET_LENGTH === 4
 */
export const MIN_SECRET_LENGTH = 4

/**
 * Replaces every occurrence of the given secrets in a text with `[REDACTED]`,
 * in every encoding a secret travels in or comes back in: raw; percent-encoded
 * (`encodeURIComponent`, a query string, a form body with `+` for a space,
 * upper- or lower-case hex, any mix of encoded and plain characters);
 * JSON-escaped (`\"`, `\/`, `\u00f6`); and Base64 (standard or URL-safe, as in
 * a Basic `Authorization` header). Values shorter than {@link MIN_SECRET_LENGTH}
 * are not treated as secrets, so that redaction never shreds a message. A
 * secret that is an ordinary word is replaced wherever that word appears.
 * @example
 * redact('bad token abcd1234', ['abcd1234']) // 'bad token [REDACTED]'
 * redact('GET /x?token=a%2Fb%2Bc%3D', ['a/b+c=']) // 'GET /x?token=[REDACTED]'
 */
export const redact = (text: string, secrets: ReadonlyArray<string>): string => {
  const pattern = secretsPattern(secrets)
  return pattern === undefined ? text : text.replace(pattern, REDACTED)
}

// One regular expression per set of secrets; the last few sets are kept (a provider asks with the same few each time).
const cache = new Map<string, RegExp | undefined>()
const CACHED_SETS = 32

const secretsPattern = (secrets: ReadonlyArray<string>): RegExp | undefined => {
  const key = secrets.join('\u0000')
  if (cache.has(key)) return cache.get(key)
  // Longest first, so a secret holding another is replaced whole.
  const alternatives = [...new Set(secrets)]
    .filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
    .flatMap((s) => [[...s].map(charPattern).join(''), ...base64Forms(s).map(escapeRegExp)])
  const pattern = alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'g')
  if (cache.size >= CACHED_SETS) cache.delete(cache.keys().next().value as string)
  cache.set(key, pattern)
  return pattern
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** Hex digits matching either case: `2f` → `2[fF]`. */
const hexPattern = (n: number, width: number): string =>
  n
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`)

const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const utf8 = new TextEncoder()

/**
 * Every way one character (a code point) of a secret can be written. Escapes
 * come before the plain character, so an escape is replaced whole: in a JSON
 * text, the backslash of an escaped quote is never left behind.
 */
const charPattern = (ch: string): string => {
  const forms = new Set<string>()
  const short = JSON_SHORT_ESCAPES[ch]
  if (short !== undefined) forms.add(escapeRegExp(short))
  forms.add(Array.from({ length: ch.length }, (_, i) => `\\\\[uU]${hexPattern(ch.charCodeAt(i), 4)}`).join(''))
  forms.add([...utf8.encode(ch)].map((b) => `%${hexPattern(b, 2)}`).join(''))
  if (ch === ' ') forms.add('\\+')
  forms.add(escapeRegExp(ch))
  return `(?:${[...forms].join('|')})`
}

/** The secret in Base64 as UTF-8 and as Latin-1 bytes, standard and URL-safe, without padding. */
const base64Forms = (s: string): ReadonlyArray<string> => {
  const encodings: ReadonlyArray<BufferEncoding> = [...s].every((c) => c.charCodeAt(0) <= 0xff) ? ['utf8', 'latin1'] : ['utf8']
  const standard = encodings.map((enc) => Buffer.from(s, enc).toString('base64').replace(/=+$/, ''))
  return [...new Set([...standard, ...standard.map((b) => b.replace(/\+/g, '-').replace(/\//g, '_'))])]
}
