/**
 * Comparing settings as values: a read-back or a plan must not call two equal
 * settings different because of key order or a Date's identity.
 */

/**
 * A value in a form where equal settings give equal strings: dates as
 * instants, maps with their keys sorted, absent as null.
 * @example
 * comparable({ US: 1, DE: 2 }) === comparable({ DE: 2, US: 1 }) // true
 */
export const comparable = (v: unknown): string => {
  if (v instanceof Date) return JSON.stringify(v.getTime())
  if (v !== null && typeof v === 'object') return JSON.stringify(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
  return JSON.stringify(v ?? null)
}
