/**
 * Shared set-up for the Thordata adapter tests: a provider on an axios
 * instance answered by axios-mock-adapter (anything unmocked throws), and a
 * plain view of the requests it sent.
 */
import type MockAdapter from 'axios-mock-adapter'
import { createThordataProvider, type ThordataOptions } from '../../providers/thordata'
import { mockedAxios, requestsSent, type RecordedRequest } from '../support/mocked-axios'

export { everything, failure, success } from '../support/outcome'

/** Obviously fake credentials. */
export const TOKEN = 'fake-token-0001'
export const KEY = 'fake-key-0002'
export const BASE = 'http://thordata.invalid/api'
export const LIST_URL = `${BASE}/proxy-users/user-list`
export const CREATE_URL = `${BASE}/proxy-users/create-user`
export const UPDATE_URL = `${BASE}/proxy-users/update-user`
export const DELETE_URL = `${BASE}/proxy-users/delete-user`
export const USAGE_URL = `${BASE}/proxy-users/usage-statistics`
export const FORM = 'application/x-www-form-urlencoded'

/** A provider whose HTTP goes to a strict mock, without retries: each test sees one attempt (retries: test/retry.test.ts). */
export const setup = (options: Partial<ThordataOptions> = {}) => {
  const { instance, mock } = mockedAxios()
  const provider = createThordataProvider({ token: TOKEN, key: KEY, baseURL: BASE, axios: instance, retry: false, rateLimit: false, ...options })
  return { mock, provider }
}

/** What one request put on the wire: the credentials' headers and the content type beside method, URL, query and body. */
export type SentRequest = RecordedRequest<'token' | 'key' | 'contentType'>

/** The request history of a mock, oldest first. */
export const sent = (mock: MockAdapter): SentRequest[] => requestsSent(mock, { token: 'token', key: 'key', contentType: 'Content-Type' })

/** A GET to `url` with the credentials and proxy type in the query. */
export const expectedGet = (url: string, query: Record<string, string> = {}, proxyType = '1'): SentRequest => ({
  method: 'GET',
  url,
  params: { token: TOKEN, key: KEY, proxy_type: proxyType, ...query },
  token: undefined,
  key: undefined,
  contentType: undefined,
  body: undefined,
})

/** A POST of a form body with the credentials in headers. */
export const expectedPost = (url: string, body: string): SentRequest => ({
  method: 'POST',
  url,
  params: undefined,
  token: TOKEN,
  key: KEY,
  contentType: FORM,
  body,
})

/** A user-list reply holding the given raw records. */
export const userListReply = (list: ReadonlyArray<Record<string, unknown>>) => ({
  code: 200,
  msg: 'ok',
  data: { limit: 100, remaining_limit: 100 - list.length, user_count: list.length, list },
})

/** A raw user-list record with sensible defaults. */
export const rawUser = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  username: 'alice01',
  password: 'Pw12345a',
  status: true,
  traffic_limit: 500,
  usage_traffic: 20480,
  created_time: '2025-03-01',
  ...overrides,
})

export const OK = { code: 200, data: {}, msg: 'ok' }
