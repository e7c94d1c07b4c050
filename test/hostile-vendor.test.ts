/**
 * A hostile vendor on loopback (node:http): bodies dripped a byte at a time or
 * far too large, `Retry-After` asking for an hour, an endpoint that fails for
 * ever. Every call ends, promptly, with an error that says why. Time bounds
 * are generous (a loaded machine) but far below what the vendor asks for.
 */
import axios from 'axios'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createWebshareProvider, type WebshareOptions } from '../providers/webshare'
import { DeadlineSignal } from '../src/deadline-signal'
import { DEFAULT_MAX_RESPONSE_BYTES } from '../src/http'
import { DEFAULT_MAX_RETRY_AFTER_MS } from '../src/retry'

jest.setTimeout(20_000)

const SUBUSER = JSON.stringify({ id: 42, label: 'team-a', proxy_limit: 1 })

/** A loopback server running `handle`; `close` ends every connection it still holds. */
const hostile = async (handle: (req: IncomingMessage, res: ServerResponse) => void) => {
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const server: Server = createServer(handle)
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    baseURL: `http://127.0.0.1:${port}`,
    /** A repeating timer that is cleared on close. */
    every: (ms: number, run: () => void) => timers.add(setInterval(run, ms)),
    close: async () => {
      for (const t of timers) clearInterval(t)
      for (const s of sockets) s.destroy()
      await new Promise((r) => server.close(r))
    },
  }
}
type Hostile = Awaited<ReturnType<typeof hostile>>
let server: Hostile | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const provider = (s: Hostile, options: Partial<WebshareOptions> = {}) =>
  createWebshareProvider({ apiKey: 'fake-key-0123456789', baseURL: s.baseURL, rateLimit: false, ...options })

const timed = async <A>(run: () => Promise<A>): Promise<[A, number]> => {
  const t0 = performance.now()
  const a = await run()
  return [a, performance.now() - t0]
}

describe('timeoutMs is a deadline for the whole exchange', () => {
  it('a body dripped one byte at a time times out at timeoutMs, though no gap is ever idle that long', async () => {
    server = await hostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write(' ')
      server!.every(50, () => res.write(' '))
    })
    const [r, ms] = await timed(() => provider(server!, { timeoutMs: 400, retry: false }).get('42')())
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'timeout', operation: 'get' } })
    expect(ms).toBeLessThan(5_000)
  })
})

describe('the deadline signal an exchange hands axios', () => {
  it("is the package's light one on the instance it makes itself, and a real AbortSignal once axios's default adapter is someone's function", async () => {
    server = await hostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(SUBUSER)
    })
    const subscribed = jest.spyOn(DeadlineSignal.prototype, 'addEventListener')
    try {
      expect(await provider(server!, { retry: false }).get('42')()).toMatchObject({ _tag: 'Right', right: { id: '42' } })
      expect(subscribed).toHaveBeenCalledWith('abort', expect.any(Function))
    } finally {
      subscribed.mockRestore()
    }
    const before = axios.defaults.adapter
    const signals: unknown[] = []
    axios.defaults.adapter = async (config) => {
      signals.push(config.signal)
      return { status: 200, statusText: 'OK', headers: {}, config, data: SUBUSER }
    }
    try {
      expect(await provider(server!, { retry: false }).get('42')()).toMatchObject({ _tag: 'Right', right: { id: '42' } })
    } finally {
      axios.defaults.adapter = before
    }
    expect(signals).toHaveLength(1)
    expect(signals[0]).toBeInstanceOf(AbortSignal)
  })
})

describe('response bodies are capped', () => {
  it('a body past maxResponseBytes is cut off as it arrives, as a vendor error', async () => {
    let written = 0
    let closed = false
    server = await hostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.on('close', () => (closed = true))
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      // Up to 64 MiB, as fast as the client reads it; the client must stop far sooner.
      const pump = () => {
        while (!closed && written < 64 * 1024 * 1024) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        if (!closed) res.end()
      }
      pump()
    })
    const r = await provider(server!, { maxResponseBytes: 1024 * 1024, retry: false }).get('42')()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'vendor', retryable: false, message: expect.stringContaining('maxResponseBytes (1048576)') } })
    await new Promise((r) => setTimeout(r, 50))
    expect(written).toBeLessThan(32 * 1024 * 1024)
  })

  it('a body of exactly maxResponseBytes is read; one byte more is refused', async () => {
    server = await hostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(SUBUSER)
    })
    const bytes = Buffer.byteLength(SUBUSER)
    expect(await provider(server!, { maxResponseBytes: bytes, retry: false }).get('42')()).toMatchObject({ _tag: 'Right', right: { id: '42' } })
    expect(await provider(server!, { maxResponseBytes: bytes - 1, retry: false }).get('42')()).toMatchObject({ _tag: 'Left', left: { kind: 'vendor', message: expect.stringContaining('maxResponseBytes') } })
  })

  it('defaults to 64 MiB, and refuses a cap that is not a whole number of bytes > 0', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(64 * 1024 * 1024)
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN, '1' as never]) {
      expect(() => createWebshareProvider({ apiKey: 'fake-key-0123456789', maxResponseBytes })).toThrow(expect.objectContaining({ kind: 'validation', fields: [{ path: 'maxResponseBytes', message: expect.any(String) }] }))
    }
  })
})

describe('Retry-After is obeyed only up to a cap, and never past the call deadline', () => {
  const rateLimited = (retryAfter: string) => {
    let hits = 0
    return {
      hits: () => hits,
      handle: (_req: IncomingMessage, res: ServerResponse) => {
        hits++
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': retryAfter })
        res.end('{"detail":"Request was throttled."}')
      },
    }
  }

  it('Retry-After: 3600 fails at once as rate_limited with retryAfterMs, instead of holding the call for an hour', async () => {
    const vendor = rateLimited('3600')
    server = await hostile(vendor.handle)
    const [r, ms] = await timed(() => provider(server!, { timeoutMs: 2_000 }).get('42')())
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'rate_limited', retryAfterMs: 3_600_000 } })
    expect(vendor.hits()).toBe(1)
    expect(ms).toBeLessThan(5_000)
    expect(DEFAULT_MAX_RETRY_AFTER_MS).toBe(60_000)
  })

  it('the cap is configurable (retry.maxRetryAfterMs): under it the wait is obeyed', async () => {
    const vendor = rateLimited('1')
    server = await hostile(vendor.handle)
    const capped = await provider(server!, { retry: { retries: 1, maxRetryAfterMs: 500 } }).get('42')()
    expect(capped).toMatchObject({ _tag: 'Left', left: { kind: 'rate_limited', retryAfterMs: 1_000 } })
    expect(vendor.hits()).toBe(1)
    const obeyed = await provider(server!, { retry: { retries: 1, maxRetryAfterMs: 1_000 } }).get('42')()
    expect(obeyed).toMatchObject({ _tag: 'Left', left: { kind: 'rate_limited' } })
    expect(vendor.hits()).toBe(3)
  })

  it('a wait the vendor asks for that would end past deadlineMs is not started', async () => {
    const vendor = rateLimited('5')
    server = await hostile(vendor.handle)
    const [r, ms] = await timed(() => provider(server!).get('42', { deadlineMs: 1_000 })())
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'rate_limited', retryAfterMs: 5_000 } })
    expect(vendor.hits()).toBe(1)
    expect(ms).toBeLessThan(4_000)
  })
})

describe('deadlineMs bounds a call across its retries and waits', () => {
  it('an endpoint that fails for ever is retried only until the deadline', async () => {
    let hits = 0
    server = await hostile((_req, res) => {
      hits++
      res.writeHead(503, { 'Content-Type': 'application/json' })
      res.end('{"detail":"down"}')
    })
    const p = provider(server!, { retry: { retries: 10_000, baseDelayMs: 100, maxDelayMs: 100 } })
    const [r, ms] = await timed(() => p.get('42', { deadlineMs: 600 })())
    // The last 503, or the timeout of a last exchange cut short by the deadline.
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: expect.stringMatching(/^(vendor|timeout)$/) } })
    expect(hits).toBeGreaterThan(0)
    expect(hits).toBeLessThan(200)
    expect(ms).toBeLessThan(5_000)
  })

  it('shortens the exchange to what remains of the deadline', async () => {
    server = await hostile(() => undefined) // never answers
    const [r, ms] = await timed(() => provider(server!, { timeoutMs: 60_000, retry: false }).get('42', { deadlineMs: 300 })())
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'timeout' } })
    expect(ms).toBeLessThan(5_000)
  })

  it('a call waiting for a pacing slot fails when its deadline passes, or at once when it is aborted', async () => {
    server = await hostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(SUBUSER)
    })
    // One request a minute: the second call's slot is a minute away.
    const p = provider(server!, { rateLimit: { requestsPerMinute: 1, concurrency: 1 }, retry: false })
    expect(await p.get('42')()).toMatchObject({ _tag: 'Right' })
    const [late, ms] = await timed(() => p.get('42', { deadlineMs: 300 })())
    expect(late).toMatchObject({ _tag: 'Left', left: { kind: 'timeout', message: expect.stringContaining('deadline') } })
    expect(ms).toBeLessThan(5_000)
    const controller = new AbortController()
    const queued = Array.from({ length: 20 }, () => p.get('42', { signal: controller.signal })())
    controller.abort()
    const [all, abortMs] = await timed(() => Promise.all(queued))
    for (const r of all) expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'network', message: expect.stringContaining('cancelled') } })
    expect(abortMs).toBeLessThan(2_000)
  })

  it('list holds all its pages to one deadline', async () => {
    let page = 0
    server = await hostile((_req, res) => {
      const id = ++page
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ next: `${server!.baseURL}/api/v2/subuser/?page=${id + 1}`, previous: null, results: [{ id, label: 'team-a', proxy_limit: 1 }] }))
      }, 100)
    })
    const [r, ms] = await timed(() => provider(server!, { retry: false }).list({ deadlineMs: 600 })())
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'timeout' } })
    expect(page).toBeLessThan(20)
    expect(ms).toBeLessThan(5_000)
  })

  it('refuses a deadlineMs that is not a number of milliseconds > 0, before sending', async () => {
    server = await hostile(() => undefined)
    for (const deadlineMs of [-1, 0, Number.NaN, Infinity, 2 ** 31, '5' as never]) {
      const r = await provider(server!).get('42', { deadlineMs })()
      expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'validation', fields: [{ path: 'deadlineMs' }] } })
    }
  })
})

describe('a create the vendor applies after our timeout', () => {
  /** A Webshare-like vendor whose creates are applied `lateMs` after they arrive, `copies` times, and never answered in time. */
  const lateVendor = async (lateMs: number, copies = 1) => {
    const stored: Array<Record<string, unknown>> = []
    let posts = 0
    let nextId = 100
    const s = await hostile((req, res) => {
      if (req.method === 'POST') {
        posts++
        let body = ''
        req.on('data', (c) => (body += c))
        req.on('end', () => {
          const label = (JSON.parse(body) as { label: string }).label
          const apply = () => {
            for (let i = 0; i < copies; i++) stored.push({ id: nextId++, label, proxy_limit: 0, created_at: new Date().toISOString() })
          }
          if (lateMs === 0) apply()
          else setTimeout(apply, lateMs)
        })
        return // never answered: the client times out
      }
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ count: stored.length, next: null, previous: null, results: stored }))
    })
    return { s, stored, posts: () => posts }
  }

  it('waits for a late apply to show before sending again: one sub-user, reported done', async () => {
    const vendor = await lateVendor(700)
    server = vendor.s
    const r = await provider(server, { timeoutMs: 300, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } }).create({ username: 'team-a' })()
    expect(r).toMatchObject({ _tag: 'Right', right: { username: 'team-a', id: '100' } })
    expect(vendor.posts()).toBe(1)
    expect(vendor.stored).toHaveLength(1)
  })

  it('never reports done while several sub-users match the create: conflict naming their ids', async () => {
    const vendor = await lateVendor(0, 2)
    server = vendor.s
    const r = await provider(server, { timeoutMs: 300, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } }).create({ username: 'team-a' })()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'conflict', operation: 'create', message: expect.stringContaining('ids 100, 101') } })
    expect(vendor.posts()).toBe(1)
  })
})
