/**
 * The IPRoyal fake's answers, shaped as a Laravel API writes them (vendor sheet §4, §7):
 * `{"message": …}` for errors, and 422 `{"message", "errors": {field: [..]}}` for validation.
 */
import type { FakeResponse } from '../../../src/adapter'

/**
 * A JSON answer.
 * @example
 * json(200, { available_traffic: 10 })
 */
export const json = (status: number, body: unknown): FakeResponse => ({ status, body })

/**
 * An error answer with Laravel's `{"message": …}` body.
 * @example
 * message(401, 'Unauthenticated.')
 */
export const message = (status: number, text: string, headers?: Readonly<Record<string, string>>): FakeResponse => ({ status, body: { message: text }, ...(headers === undefined ? {} : { headers }) })

/**
 * Field errors, collected field by field.
 * @example
 * const e: FieldErrors = { username: ['The username field is required.'] }
 */
export type FieldErrors = Readonly<Record<string, ReadonlyArray<string>>>

/**
 * Laravel's 422: the first message, "(and N more errors)", and every field's messages.
 * @example
 * invalid({ amount: ['The amount field is required.'] }).status // 422
 */
export const invalid = (errors: FieldErrors): FakeResponse => {
  const all = Object.values(errors).flat()
  const more = all.length - 1
  const first = all[0] ?? 'The given data was invalid.'
  return json(422, { message: more > 0 ? `${first} (and ${more} more error${more === 1 ? '' : 's'})` : first, errors })
}

/**
 * A route that does not exist (Laravel's 404, before any authentication).
 * @example
 * routeNotFound('/nope').status // 404
 */
export const routeNotFound = (path: string): FakeResponse => message(404, `The route ${path.replace(/^\//, '')} could not be found.`)

/**
 * A known route asked with a method it does not serve (Laravel's 405, with `Allow`).
 * @example
 * methodNotAllowed('PATCH', '/residential-subusers/x', ['GET', 'PUT', 'DELETE']).status // 405
 */
export const methodNotAllowed = (method: string, path: string, allow: ReadonlyArray<string>): FakeResponse => {
  const methods = allow.includes('GET') ? ['GET', 'HEAD', ...allow.filter((m) => m !== 'GET')] : allow
  return message(405, `The ${method} method is not supported for route ${path.replace(/^\//, '')}. Supported methods: ${methods.join(', ')}.`, { Allow: methods.join(', ') })
}

/** An unknown sub-user hash. @example subUserNotFound().status // 404 */
export const subUserNotFound = (): FakeResponse => message(404, 'Sub-user not found.')
