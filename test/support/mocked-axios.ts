/**
 * The axios-mock-adapter setup every test uses: an unexpected request throws.
 */
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios'
import MockAdapter from 'axios-mock-adapter'

/** A fresh axios instance and its mock (onNoMatch: 'throwException'). */
export const mockedAxios = (): { instance: AxiosInstance; mock: MockAdapter } => {
  const instance = axios.create()
  return { instance, mock: new MockAdapter(instance, { onNoMatch: 'throwException' }) }
}

/** The headers of a recorded request as a plain object. */
export const headersOf = (config: AxiosRequestConfig): Record<string, unknown> => {
  const h = config.headers as { toJSON?: () => Record<string, unknown> } | Record<string, unknown> | undefined
  return (typeof h?.toJSON === 'function' ? h.toJSON() : h ?? {}) as Record<string, unknown>
}
