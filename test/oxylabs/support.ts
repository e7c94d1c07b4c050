/**
 * Shared set-up for the Oxylabs adapter tests: a provider on an axios instance answered by
 * axios-mock-adapter (anything unmocked throws), on an injected clock, and a plain view of the
 * requests it sent.
 */
import type MockAdapter from 'axios-mock-adapter'
import { createOxylabsProvider, type OxylabsOptions } from '../../providers/oxylabs'
import { mockedAxios, type SentRequest } from '../support/mocked-axios'

export { calls, sent, type SentRequest } from '../support/mocked-axios'
export { everything, failure, success } from '../support/outcome'

/** Obviously fake credentials of the main proxy user. */
export const USERNAME = 'main_user'
export const PASSWORD = 'Fake_Main_Pass#0001'
export const BASIC = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`
/** A user id that needs percent-encoding, to see that it is encoded. */
export const USER_ID = 'user 1/ü'
export const ENCODED_USER_ID = encodeURIComponent(USER_ID)
export const TOKEN = 'fake-oxylabs-token-0001'
export const BEARER = `Bearer ${TOKEN}`
/** The default base URL: the mock answers everything, nothing reaches the network. */
export const BASE = 'https://residential-api.oxylabs.io/v2'
export const LOGIN_URL = `${BASE}/login`
export const LIST_URL = `${BASE}/users/${ENCODED_USER_ID}/sub-users`
export const itemUrl = (id: string | number) => `${LIST_URL}/${id}`
export const JSON_TYPE = 'application/json'
export const T0 = Date.parse('2025-06-01T12:00:00Z')

/** A provider whose HTTP goes to a strict mock, without retries, on a clock the test moves. */
export const setup = (options: Partial<OxylabsOptions> = {}) => {
  const { instance, mock } = mockedAxios()
  let clock = T0
  const provider = createOxylabsProvider({ username: USERNAME, password: PASSWORD, axios: instance, retry: false, rateLimit: false, now: () => clock, ...options })
  return { mock, provider, advance: (ms: number) => void (clock += ms) }
}

/** Answers the login with a token (`TOKEN` unless given). */
export const mockLogin = (mock: MockAdapter, token = TOKEN) => mock.onPost(LOGIN_URL).reply(200, { user_id: USER_ID, token })


/** The login as the adapter sends it: Basic credentials, no body (axios names its default content type for a bodiless POST). */
export const expectedLogin: SentRequest = { method: 'POST', url: LOGIN_URL, params: undefined, authorization: BASIC, contentType: 'application/x-www-form-urlencoded', body: undefined }

/** A request without a body, with the bearer token. */
export const expectedRead = (url: string, params?: Record<string, string>, method = 'GET', token = TOKEN): SentRequest => ({
  method,
  url,
  params,
  authorization: `Bearer ${token}`,
  contentType: undefined,
  body: undefined,
})

/** A request with a JSON body (compared as text), with the bearer token. */
export const expectedWrite = (method: string, url: string, body: string): SentRequest => ({ method, url, params: undefined, authorization: BEARER, contentType: JSON_TYPE, body })


/** A list row in Oxylabs' wire form, with sensible defaults. */
export const row = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 12345,
  username: 'team_a',
  status: 'active',
  created_at: '2025-05-01 10:30',
  traffic: 0,
  traffic_limit: null,
  auto_disable: false,
  lifetime: false,
  ...overrides,
})

/** The main user's row. */
export const mainRow = (overrides: Record<string, unknown> = {}) => row({ id: 1, username: USERNAME, lifetime: true, ...overrides })

