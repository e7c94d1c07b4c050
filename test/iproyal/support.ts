/**
 * Shared set-up for the IPRoyal adapter tests: a provider on an axios instance answered by
 * axios-mock-adapter (anything unmocked throws), a plain view of the requests it sent, and raw
 * sub-users in IPRoyal's wire form.
 */
import { createIPRoyalProvider, type IPRoyalOptions } from '../../providers/iproyal'
import { mockedAxios, type SentRequest } from '../support/mocked-axios'

export { calls, sent, type SentRequest } from '../support/mocked-axios'
export { everything, failure, success } from '../support/outcome'

/** An obviously fake API token. */
export const TOKEN = 'fake-iproyal-token-0001'
export const AUTH = `Bearer ${TOKEN}`
/** The default base URL: the mock answers everything, nothing reaches the network. */
export const BASE = 'https://resi-api.iproyal.com/v1'
export const LIST_URL = `${BASE}/residential-subusers`
export const ME_URL = `${BASE}/me`
export const HASH = '01HQ5K3P97DY8EX9Y90YT1K6XA'
export const OTHER_HASH = '01HQ5K3P97DY8EX9Y90YT1K6XB'
export const itemUrl = (hash: string = HASH) => `${BASE}/residential-subusers/${hash}`
export const giveUrl = (hash: string = HASH) => `${itemUrl(hash)}/give-traffic`
export const takeUrl = (hash: string = HASH) => `${itemUrl(hash)}/take-traffic`
export const JSON_TYPE = 'application/json'

/**
 * A provider whose HTTP goes to a strict mock, without retries (each test sees one attempt) and
 * with a short exchange timeout, so that a write left without an answer settles in 40 ms.
 */
export const setup = (options: Partial<IPRoyalOptions> = {}) => {
  const { instance, mock } = mockedAxios()
  const provider = createIPRoyalProvider({ apiToken: TOKEN, axios: instance, retry: false, rateLimit: false, timeoutMs: 20, ...options })
  return { mock, provider }
}

/** Retries allowed (so a move is sent once more), with waits of a millisecond. */
export const ONE_RETRY = { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } as const


/** A request without a body, authorised with the token. */
export const expectedRead = (method: string, url: string, params?: Record<string, string>): SentRequest => ({ method, url, params, authorization: AUTH, contentType: undefined, body: undefined })

/** A request with a JSON body (compared as text), authorised with the token. */
export const expectedWrite = (method: string, url: string, body: string): SentRequest => ({ method, url, params: undefined, authorization: AUTH, contentType: JSON_TYPE, body })


/** A raw sub-user with sensible defaults, in IPRoyal's wire form (GB amounts). */
export const rawSubUser = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 5,
  hash: HASH,
  username: 'team_a',
  password: 'Secret123',
  traffic_available: 10,
  traffic_used: 0,
  ...overrides,
})

/** A list page in Laravel's envelope. */
export const rawPage = (data: ReadonlyArray<Record<string, unknown>>, meta: Record<string, unknown> = {}): Record<string, unknown> => ({
  data,
  meta: { current_page: 1, from: data.length === 0 ? null : 1, last_page: 1, path: LIST_URL, per_page: 20, to: data.length, total: data.length, ...meta },
})

/** `/me` with this main balance in GB. */
export const rawMe = (gb: number): Record<string, unknown> => ({ available_traffic: gb, subusers_count: 1, residential_user_hash: '01H7YCG0R9GYY1YCPS2S4QA6WB' })

