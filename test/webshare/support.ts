/**
 * Shared set-up for the Webshare adapter tests: a provider on an axios
 * instance answered by axios-mock-adapter (anything unmocked throws), and a
 * plain view of the requests it sent.
 */
import { createWebshareProvider, type WebshareOptions } from '../../providers/webshare'
import type { SubUser } from '../../src/domain'
import { mockedAxios, type SentRequest } from '../support/mocked-axios'

export { calls, sent, type SentRequest } from '../support/mocked-axios'
export { everything, failure, success } from '../support/outcome'

/** An obviously fake API key. */
export const API_KEY = 'fake-webshare-key-0001'
export const AUTH = `Token ${API_KEY}`
/** The default base URL: the mock answers everything, nothing reaches the network. */
export const BASE = 'https://proxy.webshare.io'
export const LIST_URL = `${BASE}/api/v2/subuser/`
export const itemUrl = (id: string | number) => `${BASE}/api/v2/subuser/${id}/`
export const JSON_TYPE = 'application/json'

/** A provider whose HTTP goes to a strict mock, without retries: each test sees one attempt (retries: test/retry.test.ts). */
export const setup = (options: Partial<WebshareOptions> = {}) => {
  const { instance, mock } = mockedAxios()
  const provider = createWebshareProvider({ apiKey: API_KEY, axios: instance, retry: false, rateLimit: false, ...options })
  return { mock, provider }
}


/** A request without a body, authorised with the API key. */
export const expectedRead = (method: string, url: string, params?: Record<string, string>): SentRequest => ({
  method,
  url,
  params,
  authorization: AUTH,
  contentType: undefined,
  body: undefined,
})

/** A request with a JSON body (compared as text), authorised with the API key. */
export const expectedWrite = (method: string, url: string, body: string, params?: Record<string, string>): SentRequest => ({
  method,
  url,
  params,
  authorization: AUTH,
  contentType: JSON_TYPE,
  body,
})


/** A raw sub-user with sensible defaults, in Webshare's wire form. */
export const rawSubUser = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 7,
  label: 'team-a',
  proxy_countries: null,
  proxy_limit: 0,
  max_thread_count: 500,
  aggregate_stats: {},
  created_at: '2025-06-01T00:00:00Z',
  updated_at: '2025-06-01T00:00:00Z',
  bandwidth_use_start_date: '2025-06-01T00:00:00Z',
  bandwidth_use_end_date: '2025-07-01T00:00:00Z',
  ...overrides,
})

const NO_STATS = {
  requestsTotal: null,
  requestsSuccessful: null,
  requestsFailed: null,
  bandwidthProjectedBytes: null,
  numberOfProxiesUsed: null,
  lastRequestSentAt: null,
}

/** The SubUser {@link rawSubUser} maps to, with the same overrides applied to the mapped side. */
export const mappedSubUser = (overrides: Partial<Omit<SubUser, 'vendor'>> & { readonly vendor?: Record<string, unknown> } = {}): SubUser => {
  const { vendor, ...rest } = overrides
  return {
    provider: 'webshare',
    id: '7',
    username: 'team-a',
    status: 'active',
    trafficLimitBytes: null,
    trafficUsedBytes: null,
    createdAt: new Date('2025-06-01T00:00:00.000Z'),
    password: null,
    ...rest,
    vendor: {
      provider: 'webshare',
      numericId: 7,
      maxThreadCount: 500,
      proxyCountries: null,
      bandwidthUseStartDate: new Date('2025-06-01T00:00:00.000Z'),
      bandwidthUseEndDate: new Date('2025-07-01T00:00:00.000Z'),
      updatedAt: new Date('2025-06-01T00:00:00.000Z'),
      stats: NO_STATS,
      ...vendor,
    } as SubUser['vendor'],
  }
}

