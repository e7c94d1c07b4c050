/**
 * A bare HTTP client for the sandbox tests, on node:http with no connection
 * reuse, so that a destroyed socket shows up as a rejected request.
 */
import { request } from 'node:http'

/**
 * What came back: status, lower-cased headers and the body as text.
 * @example
 * const r: RawReply = { status: 200, headers: { 'content-type': 'application/json' }, text: '{}' }
 */
export interface RawReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly text: string
}

/**
 * Sends one request. Rejects on a reset or dropped connection, or after
 * `timeoutMs` without an answer (with the message `timeout`).
 * @example
 * const r = await send('http://127.0.0.1:4010/webshare/api/v2/subuser/', { method: 'GET' })
 */
export const send = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (init.timeoutMs !== undefined) req.setTimeout(init.timeoutMs, () => req.destroy(new Error('timeout')))
    req.end(init.body)
  })

/**
 * Sends one request and parses the body as JSON.
 * @example
 * const { status, json } = await sendJson('http://127.0.0.1:4010/thordata/api/proxy-users/user-list?token=t&proxy_type=1')
 */
export const sendJson = async (url: string, init: Parameters<typeof send>[1] = {}): Promise<{ status: number; json: unknown }> => {
  const reply = await send(url, init)
  return { status: reply.status, json: JSON.parse(reply.text) as unknown }
}
