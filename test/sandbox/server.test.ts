/**
 * The neutral sandbox server: routing by mount, fault injection (deterministic
 * from the seed), latency, hanging paths, stats and a clean close. Driven with
 * a tiny in-test fake so that no vendor is involved.
 */
import { faultPlan, type FaultDecision, type FaultOptions } from '../../src/sandbox/faults'
import { seededRandom } from '../../src/sandbox/random'
import { startFakeServer, type FakeServer, type Mount } from '../../src/sandbox/server'
import type { FakeRequest, FakeResponse, VendorFake } from '../../src/sandbox/types'
import { send } from './http-client'

/** A notebook: POST /notes adds one, GET /notes lists them, GET /echo mirrors the request, GET /busy is the fake's own 429. */
const notebook = () => {
  const notes: string[] = []
  let seen: FakeRequest | undefined
  const fake: VendorFake = {
    handle: (req) => {
      seen = req
      if (req.method === 'POST' && req.path === '/notes') {
        notes.push(req.body)
        return { status: 201, body: { id: notes.length } }
      }
      if (req.method === 'GET' && req.path === '/notes') return { status: 200, body: notes }
      if (req.path === '/busy') return { status: 429, body: { detail: 'busy' } }
      if (req.path === '/explode') throw new Error('fake bug')
      return { status: 200, body: 'plain', headers: { 'X-Fake': 'yes' } }
    },
    rateLimited: () => ({ status: 429, headers: { 'Retry-After': '7' }, body: { detail: 'throttled by the fake' } }),
    serverError: (_req, status) => ({ status, body: `fake ${status}` }),
  }
  return { fake, notes, seen: () => seen }
}

const servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const start = async (mounts: ReadonlyArray<Mount>, faults?: FaultOptions) => {
  const server = await startFakeServer(mounts, { faults })
  servers.push(server)
  return server
}

/** What a client saw: the status, or how the connection failed. */
const outcome = (url: string, init?: Parameters<typeof send>[1]): Promise<number | string> =>
  send(url, init).then(
    (r) => r.status,
    (e: NodeJS.ErrnoException) => (e.message === 'timeout' ? 'timeout' : 'dropped'),
  )

const postNote = (server: FakeServer, text: string, mount = '/a') => outcome(`${server.url}${mount}/notes`, { method: 'POST', body: text })

describe('routing', () => {
  it('listens on 127.0.0.1 and hands the fake the path below its mount, the query, headers, body and origin', async () => {
    const book = notebook()
    const server = await start([{ name: 'thordata', mount: '/a/api', fake: book.fake }])
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

    const reply = await send(`${server.url}/a/api/echo/x?q=1&q=2`, { method: 'PUT', headers: { 'X-Probe': 'p' }, body: 'k=v' })

    expect(reply).toMatchObject({ status: 200, text: 'plain', headers: { 'x-fake': 'yes', 'content-type': 'text/plain; charset=utf-8' } })
    const seen = book.seen()!
    expect(seen.method).toBe('PUT')
    expect(seen.path).toBe('/echo/x')
    expect(seen.query.getAll('q')).toEqual(['1', '2'])
    expect(seen.headers['x-probe']).toBe('p')
    expect(seen.body).toBe('k=v')
    expect(seen.origin).toBe(`${server.url}/a/api`)
  })

  it('sends an object body as JSON and answers a path under no mount with a plain 404 that no mount counts', async () => {
    const book = notebook()
    const server = await start([{ name: 'thordata', mount: '/a', fake: book.fake }])
    await postNote(server, 'first')

    const listed = await send(`${server.url}/a/notes`)
    const stray = await send(`${server.url}/ab/notes`)

    expect(listed).toMatchObject({ status: 200, text: '["first"]', headers: { 'content-type': 'application/json' } })
    expect(stray).toMatchObject({ status: 404, text: 'Not Found' })
    expect(server.stats()).toEqual({ thordata: { requests: 2, faulted: 0, rateLimited: 0 } })
  })

  it('answers a fake that throws with a plain 500 and keeps serving', async () => {
    const server = await start([{ name: 'thordata', mount: '/a', fake: notebook().fake }])

    expect(await send(`${server.url}/a/explode`)).toMatchObject({ status: 500, text: 'Internal Server Error' })
    expect(await outcome(`${server.url}/a/notes`)).toBe(200)
  })
})

describe('fault plan', () => {
  const decisions = (plan: { decide(path: string): FaultDecision }, n: number) => Array.from({ length: n }, () => plan.decide('/x'))
  const mixed = { serverErrorRate: 0.2, resetRate: 0.2, dropAfterApplyRate: 0.2, rateLimitRate: 0.05, rateLimitBurst: 3 }

  it('replays the same decisions for the same seed and name, and differs for another seed or name', () => {
    const a = decisions(faultPlan(mixed, 'webshare', 42), 200)

    expect(decisions(faultPlan(mixed, 'webshare', 42), 200)).toEqual(a)
    expect(decisions(faultPlan(mixed, 'webshare', 43), 200)).not.toEqual(a)
    expect(decisions(faultPlan(mixed, 'thordata', 42), 200)).not.toEqual(a)
    expect(new Set(a)).toEqual(new Set<FaultDecision>(['none', 'server-error', 'reset', 'drop-after-apply', 'rate-limited']))
  })

  it('draws each fault at about its rate', () => {
    const counts = new Map<FaultDecision, number>()
    for (const d of decisions(faultPlan({ serverErrorRate: 0.1, resetRate: 0.2, dropAfterApplyRate: 0.3 }, 'thordata', 7), 10_000)) {
      counts.set(d, (counts.get(d) ?? 0) + 1)
    }
    expect((counts.get('server-error') ?? 0) / 10_000).toBeCloseTo(0.1, 1)
    expect((counts.get('reset') ?? 0) / 10_000).toBeCloseTo(0.2, 1)
    expect((counts.get('drop-after-apply') ?? 0) / 10_000).toBeCloseTo(0.3, 1)
    expect((counts.get('none') ?? 0) / 10_000).toBeCloseTo(0.4, 1)
  })

  it('rate limits in whole bursts of rateLimitBurst requests', () => {
    const runs = decisions(faultPlan({ rateLimitRate: 0.1, rateLimitBurst: 4 }, 'thordata', 3), 2_000)
      .join(',')
      .split(/none,?/)
      .filter((run) => run !== '')
      .map((run) => run.split(',').filter((d) => d !== '').length)

    expect(runs.length).toBeGreaterThan(10)
    for (const length of runs) expect(length % 4).toBe(0)
  })

  it('admits requestsPerMinute × rateWindowMs / 60 000 requests in any window, on the clock it is given, and refused ones do not count', () => {
    const plan = faultPlan({ requestsPerMinute: 120, rateWindowMs: 1_000 }, 'thordata', 1)
    const at = (ms: number) => plan.decide('/x', ms)
    expect([at(0), at(100), at(200), at(900), at(999), at(1_000), at(1_050), at(1_100)]).toEqual(['none', 'none', 'rate-limited', 'rate-limited', 'rate-limited', 'none', 'rate-limited', 'none'])
  })

  it('hangs every request under a hang path and nothing else', () => {
    const plan = faultPlan({ hangPaths: ['/slow'] }, 'thordata', 1)
    expect(['/slow', '/slow/1', '/fast', '/notes'].map((p) => plan.decide(p))).toEqual(['hang', 'hang', 'none', 'none'])
  })

  it('uses mulberry32, so a seed gives the documented sequence', () => {
    const next = seededRandom(42)
    expect([next(), next()]).toEqual([0.6011037519201636, 0.44829055899754167])
  })
})

describe('injected faults over HTTP', () => {
  it('is deterministic from the seed, per mount, whatever the other mount sees; setFaults restarts the sequence', async () => {
    const faults: FaultOptions = { seed: 9, webshare: { serverErrorRate: 0.3, resetRate: 0.2, dropAfterApplyRate: 0.2 } }
    const run = async (server: FakeServer, interleave: boolean) => {
      const seen: Array<number | string> = []
      for (let i = 0; i < 25; i++) {
        if (interleave) await outcome(`${server.url}/t/notes`)
        seen.push(await postNote(server, `n${i}`, '/w'))
      }
      return seen
    }
    const mounts = (): Mount[] => [
      { name: 'thordata', mount: '/t', fake: notebook().fake },
      { name: 'webshare', mount: '/w', fake: notebook().fake },
    ]
    const first = await start(mounts(), faults)
    const second = await start(mounts(), faults)

    const a = await run(first, false)
    const b = await run(second, true)
    first.setFaults(faults)
    const c = await run(first, false)

    expect(b).toEqual(a)
    expect(c).toEqual(a)
    expect(new Set(a)).toEqual(new Set([201, 500, 502, 503, 'dropped']))
  })

  it('answers an injected 5xx with the fake serverError, in turn 500, 502, 503, and does not apply the request', async () => {
    const book = notebook()
    const server = await start([{ name: 'thordata', mount: '/a', fake: book.fake }], { thordata: { serverErrorRate: 1 } })

    const replies = [await send(`${server.url}/a/notes`, { method: 'POST', body: 'x' }), await send(`${server.url}/a/notes`), await send(`${server.url}/a/notes`)]

    expect(replies.map((r) => [r.status, r.text])).toEqual([
      [500, 'fake 500'],
      [502, 'fake 502'],
      [503, 'fake 503'],
    ])
    expect(book.notes).toEqual([])
  })

  it('destroys the connection on a reset before the request is applied', async () => {
    const book = notebook()
    const server = await start([{ name: 'thordata', mount: '/a', fake: book.fake }], { thordata: { resetRate: 1 } })

    await expect(send(`${server.url}/a/notes`, { method: 'POST', body: 'x' })).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(book.notes).toEqual([])
  })

  it('applies the request, then drops the connection without an answer', async () => {
    const book = notebook()
    const server = await start([{ name: 'thordata', mount: '/a', fake: book.fake }], { thordata: { dropAfterApplyRate: 1 } })

    await expect(send(`${server.url}/a/notes`, { method: 'POST', body: 'kept' })).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(book.notes).toEqual(['kept'])
  })

  it("answers rate-limit bursts with the fake's rateLimited reply, none applied, then serves again", async () => {
    const book = notebook()
    const server = await start([{ name: 'thordata', mount: '/a', fake: book.fake }], { thordata: { rateLimitRate: 1, rateLimitBurst: 2 } })

    const limited = await Promise.all([1, 2, 3].map(() => send(`${server.url}/a/notes`, { method: 'POST', body: 'x' })))
    server.setFaults({})
    const after = await postNote(server, 'y')

    for (const reply of limited) {
      expect(reply).toMatchObject({ status: 429, text: '{"detail":"throttled by the fake"}', headers: { 'retry-after': '7' } })
    }
    expect(after).toBe(201)
    expect(book.notes).toEqual(['y'])
    expect(server.stats().thordata).toEqual({ requests: 4, faulted: 3, rateLimited: 3 })
  })

  it("holds a fake to requestsPerMinute over its window: past it, the fake's rateLimited reply and nothing applied", async () => {
    const book = notebook()
    // A window of one minute: every request of this test falls in it, whatever the machine's speed.
    const server = await start([{ name: 'thordata', mount: '/a', fake: book.fake }], { thordata: { requestsPerMinute: 3 } })

    const replies = []
    for (const text of ['a', 'b', 'c', 'd', 'e']) replies.push(await postNote(server, text))

    expect(replies).toEqual([201, 201, 201, 429, 429])
    expect(book.notes).toEqual(['a', 'b', 'c'])
    expect(server.stats().thordata).toEqual({ requests: 5, faulted: 2, rateLimited: 2 })
  })

  // A lower bound only (a timer never fires early); the latency-free answer is
  // compared with a wide margin so a loaded CI machine does not flake.
  it('delays answers by latencyMs', async () => {
    const server = await start([{ name: 'thordata', mount: '/a', fake: notebook().fake }], { thordata: { latencyMs: 1000 } })
    const timed = async () => {
      const t0 = performance.now()
      await send(`${server.url}/a/notes`)
      return performance.now() - t0
    }

    expect(await timed()).toBeGreaterThanOrEqual(990)
    server.setFaults({})
    expect(await timed()).toBeLessThan(990)
  })

  it('never answers a hang path, serves the rest, and still closes cleanly with the request open', async () => {
    const book = notebook()
    const server = await startFakeServer([{ name: 'thordata', mount: '/a', fake: book.fake }], { faults: { thordata: { hangPaths: ['/notes'] } } })
    const hung = send(`${server.url}/a/notes`, { method: 'POST', body: 'x' })
    const timedOut = outcome(`${server.url}/a/notes`, { timeoutMs: 100 })

    expect(await outcome(`${server.url}/a/other`)).toBe(200)
    expect(await timedOut).toBe('timeout')
    await server.close()

    await expect(hung).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(book.notes).toEqual([])
  })

  it('closes cleanly while an answer waits on injected latency', async () => {
    const book = notebook()
    const server = await startFakeServer([{ name: 'thordata', mount: '/a', fake: book.fake }], { faults: { thordata: { latencyMs: 10_000 } } })
    const pending = send(`${server.url}/a/notes`, { method: 'POST', body: 'x' })
    await new Promise((r) => setTimeout(r, 50))

    await server.close()

    await expect(pending).rejects.toMatchObject({ code: 'ECONNRESET' })
    expect(book.notes).toEqual([])
  })
})

describe('stats', () => {
  it("counts requests, injected faults and rate-limited answers per mount, the fake's own answers included", async () => {
    const server = await start(
      [
        { name: 'thordata', mount: '/t', fake: notebook().fake, isThrottled: (a: FakeResponse) => a.status === 201 },
        { name: 'webshare', mount: '/w', fake: notebook().fake },
      ],
      { webshare: { serverErrorRate: 1 } },
    )

    await postNote(server, 'a', '/t')
    await outcome(`${server.url}/t/notes`)
    await outcome(`${server.url}/t/busy`)
    await outcome(`${server.url}/w/notes`)
    await outcome(`${server.url}/w/busy`)
    server.setFaults({})
    await outcome(`${server.url}/w/busy`)

    expect(server.stats()).toEqual({
      thordata: { requests: 3, faulted: 0, rateLimited: 1 },
      webshare: { requests: 3, faulted: 2, rateLimited: 1 },
    })
  })
})
