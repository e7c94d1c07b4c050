/**
 * The sandbox's HTTP server: one loopback listener that mounts each vendor's
 * fake under a path prefix, counts requests and injects faults. It knows no
 * vendor: what a vendor answers comes from its fake.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { ProviderId } from '../domain'
import { faultPlan, faultsOf, type FaultOptions, type FaultPlan, type VendorFaults } from './faults'
import type { FakeRequest, FakeResponse, VendorFake } from './types'

/**
 * A fake mounted at a path prefix. `name` selects its faults and its stats;
 * `isThrottled` recognises the fake's own rate-limit answers (default: HTTP 429).
 * @example
 * const m: Mount<'webshare'> = { name: 'webshare', mount: '/webshare', fake }
 */
export interface Mount<N extends ProviderId = ProviderId> {
  readonly name: N
  readonly mount: string
  readonly fake: VendorFake
  readonly isThrottled?: (answer: FakeResponse) => boolean
}

/**
 * Counters of one mount: requests received, requests hit by an injected fault,
 * and rate-limited answers (injected bursts and the fake's own throttling).
 * @example
 * server.stats().webshare.requests // 12
 */
export interface MountStats {
  readonly requests: number
  readonly faulted: number
  readonly rateLimited: number
}

/**
 * Options of {@link startFakeServer}.
 * @example
 * const o: FakeServerOptions = { port: 0, faults: { seed: 1, thordata: { latencyMs: 50 } } }
 */
export interface FakeServerOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number
  readonly faults?: FaultOptions
}

/**
 * A running fake server.
 * @example
 * const server = await startFakeServer([{ name: 'webshare', mount: '/webshare', fake }])
 * await server.close()
 */
export interface FakeServer<N extends ProviderId = ProviderId> {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** Replaces the faults and restarts their seeded sequences. */
  setFaults(faults: FaultOptions): void
  /** A snapshot of the counters, per mount name. */
  stats(): Readonly<Record<N, MountStats>>
  /** Stops listening, drops open connections and pending answers. */
  close(): Promise<void>
}

const DEFAULT_SEED = 1
const isHttp429 = (answer: FakeResponse) => answer.status === 429

/**
 * Starts the server on 127.0.0.1 only. A path under no mount gets a plain 404.
 * @example
 * const server = await startFakeServer([{ name: 'thordata', mount: '/thordata/api', fake }], { faults: { seed: 3 } })
 * server.url // 'http://127.0.0.1:53211'
 */
export const startFakeServer = async <N extends ProviderId>(
  mounts: ReadonlyArray<Mount<N>>,
  options: FakeServerOptions = {},
): Promise<FakeServer<N>> => {
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const counters = new Map(mounts.map((m) => [m.name, { requests: 0, faulted: 0, rateLimited: 0 }]))
  let plans = new Map<N, FaultPlan>()
  const setFaults = (faults: FaultOptions) => {
    plans = new Map(mounts.map((m) => [m.name, faultPlan(faultsOf(faults, m.name), m.name, faults.seed ?? DEFAULT_SEED)]))
  }
  setFaults(options.faults ?? {})

  const after = (ms: number, run: () => void) => {
    if (ms <= 0) return run()
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, ms)
    timers.add(timer)
  }

  let origin = ''
  const route = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', origin)
    const mount = mounts.find((m) => url.pathname === m.mount || url.pathname.startsWith(`${m.mount}/`))
    if (mount === undefined) return send(res, { status: 404, body: 'Not Found' })
    const counter = counters.get(mount.name)!
    const plan = plans.get(mount.name)!
    counter.requests++
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.slice(mount.mount.length),
      query: url.searchParams,
      headers: req.headers,
      body,
      origin: `${origin}${mount.mount}`,
    }
    const decision = plan.decide(request.path)
    if (decision !== 'none') counter.faulted++
    if (decision === 'hang') return
    after(plan.faults.latencyMs ?? 0, () => {
      switch (decision) {
        case 'reset':
          return req.socket.destroy()
        case 'server-error':
          return send(res, mount.fake.serverError(request, plan.nextServerErrorStatus()), plan.faults)
        case 'rate-limited':
          counter.rateLimited++
          return send(res, mount.fake.rateLimited(request), plan.faults)
        default: {
          const answer = answerOf(mount.fake, request)
          if (decision === 'drop-after-apply') return req.socket.destroy()
          if ((mount.isThrottled ?? isHttp429)(answer)) counter.rateLimited++
          return send(res, answer, plan.faults)
        }
      }
    })
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`

  return {
    url: origin,
    setFaults,
    stats: () => Object.fromEntries([...counters].map(([name, c]) => [name, { ...c }])) as Record<N, MountStats>,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** The fake's answer; a fake that throws is answered as a plain 500, not a crashed server. */
const answerOf = (fake: VendorFake, request: FakeRequest): FakeResponse => {
  try {
    return fake.handle(request)
  } catch {
    return { status: 500, body: 'Internal Server Error' }
  }
}

const send = (res: ServerResponse, answer: FakeResponse, faults: VendorFaults = {}) => {
  const headers: Record<string, string> = { ...answer.headers }
  const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  if (answer.body !== undefined && !hasType) {
    headers['Content-Type'] = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json'
  }
  if (faults.chunkBytes === undefined && faults.stallAfterBytes === undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(payload))
    res.writeHead(answer.status, headers)
    return res.end(payload)
  }
  res.writeHead(answer.status, headers)
  drip(res, Buffer.from(payload), Math.max(1, faults.chunkBytes ?? Infinity), faults.stallAfterBytes)
}

/** Writes `body` in pieces, each once the connection has taken the last; stops for good after `stallAfter` bytes. */
const drip = (res: ServerResponse, body: Buffer, pieceBytes: number, stallAfter: number | undefined) => {
  const end = Math.min(body.length, stallAfter ?? Infinity)
  let at = 0
  // A client that goes away mid-answer is no error of the server's.
  res.on('error', () => undefined)
  const next = (): void => {
    while (at < end && !res.destroyed) {
      const piece = body.subarray(at, Math.min(end, at + pieceBytes))
      at += piece.length
      if (!res.write(piece)) return void res.once('drain', next)
    }
    if (stallAfter === undefined && !res.destroyed) res.end()
  }
  next()
}
