/**
 * A vendor's error table by HTTP status: a rule per status it names, `5xx` for every other
 * server error and `other` for every status left; and the lookup every adapter does in it.
 */

/**
 * An error table: HTTP status → the vendor's rule, with `5xx` and `other` as fall-backs.
 * @example
 * const table: StatusTable<{ kind: SubUserErrorKind }> = { 404: { kind: 'not_found' }, '5xx': { kind: 'vendor' }, other: { kind: 'vendor' } }
 */
export interface StatusTable<Rule> {
  readonly [status: number]: Rule
  readonly '5xx': Rule
  readonly other: Rule
}

/**
 * The rule for a status: its own row, else `5xx` for 500–599, else `other`.
 * @example
 * statusRule(table, 503) // table['5xx'], unless 503 has a row of its own
 */
export const statusRule = <Rule>(table: StatusTable<Rule>, status: number): Rule => table[status] ?? (status >= 500 && status <= 599 ? table['5xx'] : table.other)
