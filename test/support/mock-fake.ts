/**
 * Drives a sandbox fake in-process through axios-mock-adapter, so the contract
 * suite runs against a stateful vendor without sockets. Any request outside
 * the fake's base URL throws (onNoMatch: 'throwException').
 */
import type { AxiosInstance, AxiosRequestConfig } from 'axios'
import type MockAdapter from 'axios-mock-adapter'
import type { VendorFake } from '../../src/sandbox/types'
import { mockedAxios } from './mocked-axios'

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** An axios instance whose requests under `baseURL` are answered by `fake`. */
export const axiosForFake = (fake: VendorFake, baseURL: string): { instance: AxiosInstance; mock: MockAdapter } => {
  const { instance, mock } = mockedAxios()
  const prefix = new URL(baseURL).pathname.replace(/\/$/, '')
  mock.onAny(new RegExp(`^${escape(baseURL)}`)).reply((config: AxiosRequestConfig) => {
    const url = new URL(config.url ?? '')
    const query = new URLSearchParams(url.search)
    for (const [k, v] of Object.entries((config.params ?? {}) as Record<string, string>)) query.append(k, String(v))
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(config.headers ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v
    const res = fake.handle({
      method: (config.method ?? 'get').toUpperCase(),
      path: url.pathname.slice(prefix.length),
      query,
      headers,
      body: typeof config.data === 'string' ? config.data : '',
      origin: baseURL,
    })
    const body = res.body === undefined ? '' : typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
    return [res.status, body, { ...res.headers }]
  })
  return { instance, mock }
}
