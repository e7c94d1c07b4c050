/**
 * CSV as vendors send reports: RFC 4180 text (quoted fields, `""` inside quotes, CRLF or LF,
 * a UTF-8 byte-order mark), read by its header, so that columns are found by name rather
 * than by position.
 */
import * as E from 'fp-ts/Either'
import type { Operation, ProviderId } from './domain'
import { SubUserError } from './errors'

/**
 * The records of a CSV text, each a list of fields; blank lines are skipped. Undefined when a
 * quoted field is never closed.
 * @example
 * parseCsv('date,traffic\r\n2025-03-02,"1,024"\r\n') // [['date', 'traffic'], ['2025-03-02', '1,024']]
 */
export const parseCsv = (text: string): ReadonlyArray<ReadonlyArray<string>> | undefined => {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let touched = false
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  const endRecord = () => {
    if (touched || record.length > 0) records.push([...record, field])
    record = []
    field = ''
    touched = false
  }
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!
    if (quoted) {
      if (c !== '"') field += c
      else if (input[i + 1] === '"') {
        field += '"'
        i++
      } else quoted = false
    } else if (c === '"') {
      quoted = true
      touched = true
    } else if (c === ',') {
      record.push(field)
      field = ''
      touched = true
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++
      endRecord()
    } else {
      field += c
      touched = true
    }
  }
  if (quoted) return undefined
  endRecord()
  return records
}

/**
 * The rows of a CSV report, each as an object of the columns asked for: each column is the
 * one header cell its pattern matches. A report whose header has no such cell, or several,
 * or a row whose number of fields is not the header's, is a `decode` error saying which
 * column (and showing the header's names, other signs as `?`, so the vendor's naming can be seen).
 * A header without rows is no rows.
 * @example
 * csvByHeader('iproyal', 'usage', 'Date,Traffic (B)\n2025-03-02,1024\n', { date: /date|day/i, bytes: /traffic|usage|bytes/i })
 * // Right([{ date: '2025-03-02', bytes: '1024' }])
 */
export const csvByHeader = <K extends string>(
  provider: ProviderId,
  operation: Operation,
  text: string,
  columns: Readonly<Record<K, RegExp>>,
): E.Either<SubUserError, ReadonlyArray<Readonly<Record<K, string>>>> => {
  const records = parseCsv(text)
  if (records === undefined) return E.left(decodeError(provider, operation, '(csv)', 'a quoted field is never closed'))
  const [header, ...rows] = records
  if (header === undefined) return E.left(decodeError(provider, operation, '(csv)', 'no header line'))
  // The vendor's column names, shown so its naming can be seen: each made plain (letters, digits and a few signs) and short.
  const shown = header.map((cell) => cell.trim().replace(/[^\w ().%/-]/g, '?').slice(0, 40)).join(',').slice(0, 200)
  const index = {} as Record<K, number>
  for (const name of Object.keys(columns) as K[]) {
    const matching = header.flatMap((cell, i) => (columns[name].test(cell.trim()) ? [i] : []))
    if (matching.length !== 1) {
      return E.left(decodeError(provider, operation, `(csv).${name}`, `expected exactly one header cell matching ${columns[name]} (found ${matching.length}; header: ${shown})`))
    }
    index[name] = matching[0]!
  }
  const out: Array<Record<K, string>> = []
  for (const [n, row] of rows.entries()) {
    if (row.length !== header.length) return E.left(decodeError(provider, operation, `(csv).${n + 1}`, `expected ${header.length} fields, as the header has (found ${row.length})`))
    const picked = {} as Record<K, string>
    for (const name of Object.keys(columns) as K[]) picked[name] = row[index[name]]!.trim()
    out.push(picked)
  }
  return E.right(out)
}

const decodeError = (provider: ProviderId, operation: Operation, path: string, message: string): SubUserError =>
  new SubUserError({ kind: 'decode', provider, operation, fields: [{ path, message }], message: `${provider} ${operation}: unexpected response: ${path} ${message}` })
