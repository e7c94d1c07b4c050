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
export const secret = (value: string): Secret => Object.freeze(new RedactedSecret(value))

// One class, its methods on the prototype: a secret per listed sub-user costs one small object, not five closures.
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

/**
 * Replaces every occurrence of the given secrets in a text with `[REDACTED]`.
 * Empty strings and very short values (under 4 characters) are not treated as
 * secrets, so that redaction never shreds a message.
 * @example
 * redact('bad token abcd1234', ['abcd1234']) // 'bad token [REDACTED]'
 */
export const redact = (text: string, secrets: ReadonlyArray<string>): string =>
  secrets
    .filter((s) => s.length >= 4)
    .sort((a, b) => b.length - a.length)
    .reduce((acc, s) => acc.split(s).join(REDACTED), text)
