/**
 * The baseline a user would write by hand: bare axios and `JSON.parse`.
 */
import axios, { type AxiosRequestConfig } from 'axios'

const client = axios.create()

/**
 * Sends one request with bare axios and parses the body with `JSON.parse`
 * (any status is returned, as the library also reads every status itself).
 * @example
 * const page = await bareJson({ url: `${base}/api/v2/subuser/?page_size=100`, headers: { Authorization: `Token ${key}` } })
 */
export const bareJson = async (config: AxiosRequestConfig): Promise<{ readonly status: number; readonly body: unknown }> => {
  const res = await client.request<string>({ ...config, responseType: 'text', transformResponse: (d: string) => d, validateStatus: () => true })
  return { status: res.status, body: res.data === '' ? undefined : (JSON.parse(res.data) as unknown) }
}
