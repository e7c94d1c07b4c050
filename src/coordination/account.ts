/**
 * The name of a vendor account in shared state: a SHA-256 of the provider id,
 * the API it talks to and the credential that names the account, so a key in
 * Redis or a lock file tells nothing about the credential.
 */
import { createHash } from 'node:crypto'

/**
 * The hash that names one vendor account: the same for every process using
 * the same credential on the same API, and never the credential itself. An
 * adapter says which of its credentials name the account (the `account`
 * option of `createHttpClient`; by default all of its secrets).
 * @example
 * accountKey('webshare', 'https://proxy.webshare.io', [apiKey]) // '3f9a1c2e…' (64 hex digits)
 */
export const accountKey = (provider: string, baseURL: string, credentials: ReadonlyArray<string>): string =>
  createHash('sha256')
    .update(JSON.stringify(['proxy-subusers account', provider, baseURL.replace(/\/+$/, ''), ...credentials]))
    .digest('hex')

/**
 * An account as messages show it: the provider and the hash's first 8 digits.
 * @example
 * accountLabel('webshare', '3f9a1c2e77…') // 'webshare account 3f9a1c2e'
 */
export const accountLabel = (provider: string, account: string): string => `${provider} account ${account.slice(0, 8)}`
