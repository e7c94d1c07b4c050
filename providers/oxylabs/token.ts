/**
 * When an Oxylabs token is renewed (vendor sheet §1, §6.2): a token lasts one hour and cannot
 * be refreshed, only obtained again by logging in.
 */

/** A token is renewed this long after it was obtained, when it says nothing of its expiry. @example OXYLABS_TOKEN_RENEW_AFTER_MS === 3_300_000 */
export const OXYLABS_TOKEN_RENEW_AFTER_MS = 55 * 60_000
/** A token that carries its expiry (a JWT `exp`) is renewed this long before it. @example OXYLABS_TOKEN_MARGIN_MS === 300_000 */
export const OXYLABS_TOKEN_MARGIN_MS = 5 * 60_000

/**
 * The `exp` claim of a JWT, in epoch ms, or undefined when the token is not a JWT with a
 * numeric `exp` (the token is never printed).
 * @example
 * jwtExpiry('eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.sig') // 1700000000000
 * jwtExpiry('opaque-token') // undefined
 */
export const jwtExpiry = (token: string): number | undefined => {
  const parts = token.split('.')
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1] ?? '')) return undefined
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'))
    const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined
  } catch {
    return undefined
  }
}

/**
 * When a token obtained at `obtainedAt` (epoch ms) is renewed: {@link OXYLABS_TOKEN_MARGIN_MS}
 * before its JWT `exp` when it has one still that far ahead, else
 * {@link OXYLABS_TOKEN_RENEW_AFTER_MS} after it was obtained (a clock far from the vendor's
 * must not make every call log in; a token refused early is renewed on its 401).
 * @example
 * tokenRenewAt('opaque-token', 0) // 3300000
 */
export const tokenRenewAt = (token: string, obtainedAt: number): number => {
  const exp = jwtExpiry(token)
  const beforeExp = exp === undefined ? undefined : exp - OXYLABS_TOKEN_MARGIN_MS
  return beforeExp !== undefined && beforeExp > obtainedAt ? beforeExp : obtainedAt + OXYLABS_TOKEN_RENEW_AFTER_MS
}
