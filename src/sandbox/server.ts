/**
 * The sandbox's HTTP server: one loopback listener that mounts each vendor's
 * fake under a path prefix and injects faults. It knows no vendor.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { faultPlan, type FaultDecision, type FaultOptions, type VendorFaults } from './faults'
import type { FakeRequest, FakeResponse, VendorFake } from './types'

/**
 * A fake mounted at a path prefix; `name` selects its faults.
 * @example
 * const m: Mount = { name: 'webshare', mount: '/webshare', fake }
 */
export interface Mount {
  readonly name: 'thordata' | 'webshare'
  readonly mount: string
  readonly fake: VendorFake
}

/**
 * Counters per mount: requests received, requests hit by an injected fault,
 * and rate-limited answers (injected or the fake's own 429 / throttle code).
 * @example
 * server.stats().webshare.requests
 */
export interface MountStats {
  requests: number
  faulted: number
  rateLimited: number
}

/**
 * A running fake server.
 * @example
 * const s = await startFakeServer([{ name: 'webshare', mount: '/webshare', fake }]); await s.close()
 */
export interface FakeServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** Replaces the faults (and restarts their seeded sequence). */
  setFaults(faults: FaultOptions): void
  stats(): Readonly<Record<string, MountStats>>
  close(): Promise<void>
}

/**
 * Starts the server on 127.0.0.1 (port 0 = any free port).
 * @example
 * const server = await startFakeServer(mounts, { port: 0, faults: { seed: 1 } })
 */
export const startFakeServer = async (
  mounts: ReadonlyArray<Mount>,
  options: { readonly port?: number; readonly faults?: FaultOptions; readonly isRateLimited?: (name: string, res: FakeResponse) => boolean } = {},
): Promise<FakeServer> => {
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const stats: Record<string, MountStats> = Object.fromEntries(mounts.map((m) => [m.name, { requests: 0, faulted: 0, rateLimited: 0 }]))
  let plans = new Map<string, { faults: VendorFaults; decide: (path: string) => FaultDecision }>()
  const setFaults = (faults: FaultOptions) => {
    plans = new Map(
      mounts.map((m, i) => {
        const f = faults[m.name] ?? {}
        return [m.name, { faults: f, decide: faultPlan(f, (faults.seed ?? 1) + i * 7919) }]
      }),
    )
  }
  setFaults(options.faults ?? {})

  const later = (ms: number, f: () => void) => {
    if (ms <= 0) return f()
    const t = setTimeout(() => {
      timers.delete(t)
      f()
    }, ms)
    timers.add(t)
  }

  let origin = ''
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', origin)
    const mount = mounts.find((m) => url.pathname === m.mount || url.pathname.startsWith(`${m.mount}/`))
    if (mount === undefined) return send(res, { status: 404, body: { detail: 'Not found.' } })
    const s = stats[mount.name]!
    s.requests++
    const fakeRequest: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.slice(mount.mount.length),
      query: url.searchParams,
      headers: req.headers,
      body,
      origin: `${origin}${mount.mount}`,
    }
    const plan = plans.get(mount.name)!
    const decision = plan.decide(fakeRequest.path)
    if (decision !== 'none') s.faulted++
    if (decision === 'hang') return
    later(plan.faults.latencyMs ?? 0, () => {
      switch (decision) {
        case 'reset':
          return req.socket.destroy()
        case 'server-error':
          return send(res, mount.fake.serverError(fakeRequest, [500, 502, 503][s.requests % 3]!))
        case 'rate-limited':
          s.rateLimited++
          return send(res, mount.fake.rateLimited(fakeRequest))
        default: {
          const answer = mount.fake.handle(fakeRequest)
          if (decision === 'drop-after-apply') return req.socket.destroy()
          if (options.isRateLimited?.(mount.name, answer)) s.rateLimited++
          return send(res, answer)
        }
      }
    })
  }

  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  origin = `http://127.0.0.1:${port}`

  return {
    url: origin,
    setFaults,
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t)
        timers.clear()
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

const send = (res: ServerResponse, answer: FakeResponse) => {
  const headers: Record<string, string> = { ...answer.headers }
  let payload = ''
  if (answer.body !== undefined) {
    payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json'
    }
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload))
  res.writeHead(answer.status, headers)
  res.end(payload)
}
