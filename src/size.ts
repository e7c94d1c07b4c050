/**
 * Reading traffic sizes written by people (CLI options, manifests): a byte
 * count, a size with a binary unit, or `unlimited`. Exact: a size that is not
 * a whole number of bytes is refused, nothing is rounded.
 */

/**
 * The outcome of {@link parseSize}: bytes (null = unlimited), or why the text is not a size.
 * @example
 * const r: SizeParse = { ok: true, bytes: 524288000 }
 */
export type SizeParse = { readonly ok: true; readonly bytes: number | null } | { readonly ok: false; readonly message: string }

/** Bytes per unit. `KB`, `MB`, `GB`, `TB` are binary, as the vendors use them (`10GB` = `10GiB`). */
const UNIT_BYTES: Readonly<Record<string, bigint>> = {
  '': 1n,
  b: 1n,
  kb: 1024n,
  kib: 1024n,
  mb: 1024n ** 2n,
  mib: 1024n ** 2n,
  gb: 1024n ** 3n,
  gib: 1024n ** 3n,
  tb: 1024n ** 4n,
  tib: 1024n ** 4n,
}

const SIZE = /^(\d+)(?:\.(\d+))?\s*([a-z]*)$/i
const EXPECTED = 'must be a byte count, a size such as 500MiB or 10GiB (KB, MB, GB, TB count in 1024s, as the vendors do), or unlimited'

/** Each unit's binary name, as messages say what a size was read as. */
const BINARY_NAME: Readonly<Record<string, string>> = { '': 'B', b: 'B', kb: 'KiB', kib: 'KiB', mb: 'MiB', mib: 'MiB', gb: 'GiB', gib: 'GiB', tb: 'TiB', tib: 'TiB' }

/**
 * What a size text was read as, for messages: `10 GB` → `10 GB read as 10 GiB
 * (binary, as the vendors count)`; a binary unit or a byte count is read as written.
 * @example
 * sizeReadAs('10 GB')  // '10 GB read as 10 GiB (binary, as the vendors count)'
 * sizeReadAs('500MiB') // '500 MiB'
 */
export const sizeReadAs = (text: string): string => {
  const match = SIZE.exec(text.trim())
  if (match === null) return text.trim()
  const unit = (match[3] ?? '').toLowerCase()
  const number = `${match[1] ?? ''}${match[2] === undefined ? '' : `.${match[2]}`}`
  const binary = BINARY_NAME[unit]
  if (binary === undefined) return text.trim()
  const written = `${number} ${unit === '' ? 'B' : (match[3] ?? '')}`
  return /^[kmgt]b$/.test(unit) ? `${written} read as ${number} ${binary} (binary, as the vendors count)` : `${number} ${binary}`
}

/**
 * Reads a traffic size: `1048576` (bytes), `500MiB`, `10GiB`, `1.5GiB` (only
 * when it is a whole number of bytes), units `B`, `KiB`/`KB`, `MiB`/`MB`,
 * `GiB`/`GB`, `TiB`/`TB` in any case and all binary, or `unlimited` (null).
 * Negative, fractional-byte, empty and malformed sizes are refused with a
 * plain message that says what was read (`1.5 KB read as 1.5 KiB`), in the
 * words a person writes (`unlimited`).
 * @example
 * parseSize('500MiB')    // { ok: true, bytes: 524288000 }
 * parseSize('10GB')      // { ok: true, bytes: 10737418240 }
 * parseSize('unlimited') // { ok: true, bytes: null }
 * parseSize('1.5B')      // { ok: false, message: 'is 1.5 B: not a whole number of bytes' }
 */
export const parseSize = (text: string): SizeParse => {
  const trimmed = typeof text === 'string' ? text.trim() : ''
  if (trimmed.toLowerCase() === 'unlimited') return { ok: true, bytes: null }
  if (trimmed.startsWith('-')) return { ok: false, message: 'must not be negative' }
  const match = SIZE.exec(trimmed)
  const unit = match === null ? undefined : UNIT_BYTES[(match[3] ?? '').toLowerCase()]
  if (match === null || unit === undefined) return { ok: false, message: EXPECTED }
  const whole = match[1] ?? ''
  const fraction = match[2] ?? ''
  const scale = 10n ** BigInt(fraction.length)
  const scaled = BigInt(whole + fraction) * unit
  if (scaled % scale !== 0n) return { ok: false, message: `is ${sizeReadAs(trimmed)}: not a whole number of bytes` }
  const bytes = scaled / scale
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: `is ${sizeReadAs(trimmed)}: too large (at most ${Number.MAX_SAFE_INTEGER} bytes)` }
  return { ok: true, bytes: Number(bytes) }
}
