/**
 * An error table's lookup: a status's own row first, then `5xx` for any server error, then `other`.
 */
import { statusRule, type StatusTable } from '../../src/adapter'

const table: StatusTable<string> = { 404: 'not found', 503: 'busy', '5xx': 'server error', other: 'anything else' }

describe('statusRule', () => {
  it('takes a status its own row before the 5xx row', () => {
    expect(statusRule(table, 404)).toBe('not found')
    expect(statusRule(table, 503)).toBe('busy')
  })

  it('takes the 5xx row for every server error without a row, and only for 500 to 599', () => {
    expect([500, 502, 599].map((s) => statusRule(table, s))).toEqual(['server error', 'server error', 'server error'])
    expect([499, 600, 302, 0].map((s) => statusRule(table, s))).toEqual(['anything else', 'anything else', 'anything else', 'anything else'])
  })
})
