/**
 * The seam between the neutral sandbox server (src/sandbox) and each vendor's
 * fake (providers/<vendor>/sandbox). A fake is a pure, in-memory request
 * handler; the server owns sockets, routing, latency and fault injection.
 */
import type { IncomingHttpHeaders } from 'node:http'

/**
 * A request as a fake sees it.
 * @example
 * const req: FakeRequest = { method: 'GET', path: '/api/v2/subuser/', query: new URLSearchParams('page=2'), headers: {}, body: '', origin: 'http://127.0.0.1:4010/webshare' }
 */
export interface FakeRequest {
  readonly method: string
  /** The path below the fake's mount point, e.g. `/api/v2/subuser/42/`. */
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  /** The raw request body. */
  readonly body: string
  /** The fake's own base URL (scheme, host, port and mount point), for absolute links. */
  readonly origin: string
}

/**
 * A response from a fake. An object body is sent as JSON; a string as is;
 * no body sends nothing (e.g. 204).
 * @example
 * const res: FakeResponse = { status: 404, body: { detail: 'Not found.' } }
 */
export interface FakeResponse {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: unknown
}

/**
 * One vendor's fake, as the sandbox server drives it.
 * @example
 * const fake: VendorFake = createWebshareFake({ requestsPerMinute: 240 })
 */
export interface VendorFake {
  /** Handles one request, applying any change to the fake's state before returning. */
  handle(request: FakeRequest): FakeResponse
  /** What the vendor answers when it throttles this request (used by injected rate-limit bursts). */
  rateLimited(request: FakeRequest): FakeResponse
  /** What the vendor answers on an internal error (used by injected 5xx). */
  serverError(request: FakeRequest, status: number): FakeResponse
}
