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

/** One request as a mock recorded it, in a form tests can compare exactly: the chosen headers under their own names, the body as raw text (so that an explicit `null` is visible). */
export type RecordedRequest<K extends string> = {
  readonly method: string | undefined
  readonly url: string | undefined
  readonly params: unknown
  readonly body: unknown
} & { readonly [key in K]: unknown }

/**
 * The request history of a mock, oldest first, each with the headers `fields` names.
 * @example
 * requestsSent(mock, { token: 'token', contentType: 'Content-Type' })[0].token // 'fake-token-0001'
 */
export const requestsSent = <K extends string>(mock: MockAdapter, fields: Readonly<Record<K, string>>): RecordedRequest<K>[] =>
  mock.history.map((c: AxiosRequestConfig) => {
    const headers = headersOf(c)
    const picked = Object.fromEntries(Object.entries<string>(fields).map(([field, header]) => [field, headers[header]]))
    return { method: c.method?.toUpperCase(), url: c.url, params: c.params, ...picked, body: c.data } as RecordedRequest<K>
  })

/** A request of a vendor that authorises with the `Authorization` header (Webshare, Oxylabs, IPRoyal). */
export type SentRequest = RecordedRequest<'authorization' | 'contentType'>

/** The request history of a mock, oldest first, with `Authorization` and `Content-Type`. */
export const sent = (mock: MockAdapter): SentRequest[] => requestsSent(mock, { authorization: 'Authorization', contentType: 'Content-Type' })

/** `METHOD url` of each request sent, oldest first. */
export const calls = (mock: MockAdapter): string[] => sent(mock).map((r) => `${r.method} ${r.url}`)
