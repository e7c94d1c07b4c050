/**
 * Thordata's `iterate()` reads its single `user-list` reply as it arrives: over real sockets
 * against the sandbox's fake dripping its answer in small pieces (exactness, backpressure, the
 * body cap, the exchange timeout, abort, an error code), and through axios-mock-adapter with
 * streamed bodies for replies the fake never sends (a code after the users, a malformed record
 * or body, duplicates, a short list).
 */
import * as E from 'fp-ts/Either'
import { inspect } from 'node:util'
import { createThordataProvider, type ThordataOptions } from '../../providers/thordata'
import { createThordataFake, type ThordataFake } from '../../providers/thordata/sandbox'
import type { SubUser } from '../../src/domain'
import type { VendorFaults } from '../../src/sandbox/faults'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'
import { startByteCountingProxy, type ByteCountingProxy } from '../support/byte-counting-proxy'
import { drain } from '../support/drain'
import { drippedBody } from '../support/dripped-body'
import { LIST_URL, rawUser, setup, userListReply } from './support'

const MOUNT = '/thordata/api'

/** A fake holding `count` users (created through its own handler, as HTTP creates would). */
const seeded = (count: number): ThordataFake => {
  const fake = createThordataFake({ userLimit: 1e9 })
  const headers = { token: fake.token, key: fake.key, 'content-type': 'application/x-www-form-urlencoded' }
  for (let i = 0; i < count; i++) {
    const body = new URLSearchParams({ proxy_type: '1', username: `user${String(i).padStart(6, '0')}`, password: `Pw${i}abc`, traffic_limit: String(100 + (i % 7)), status: i % 3 === 0 ? 'false' : 'true' }).toString()
    fake.handle({ method: 'POST', path: '/proxy-users/create-user', query: new URLSearchParams(), headers, body, origin: 'http://127.0.0.1' })
  }
  return fake
}

const running: Array<FakeServer | ByteCountingProxy> = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
})

/** The fake served on loopback with these faults; a provider for it (no retries, no pacing unless given). */
const serve = async (fake: ThordataFake, faults: VendorFaults, options: Partial<ThordataOptions> = {}, viaProxy = false) => {
  const server = await startFakeServer([{ name: 'thordata', mount: MOUNT, fake }], { faults: { thordata: faults } })
  running.push(server)
  const proxy = viaProxy ? await startByteCountingProxy(server.url) : undefined
  if (proxy !== undefined) running.push(proxy)
  const provider = createThordataProvider({ token: fake.token, key: fake.key, baseURL: `${proxy?.url ?? server.url}${MOUNT}`, retry: false, rateLimit: false, ...options })
  return { server, proxy, provider }
}

/** A sub-user with its password revealed, so that it compares by value. */
const plain = (u: SubUser) => ({ ...u, password: u.password === null ? null : u.password.reveal() })

describe('thordata iterate() over a reply dripped in small pieces', () => {
  it('gives exactly the users list() gives, in the same order, each field mapped', async () => {
    const fake = seeded(2_000)
    const { provider } = await serve(fake, { chunkBytes: 97 })
    const { users, error } = await drain(provider.iterate())
    expect(error).toBeUndefined()
    const listed = await provider.list()()
    if (E.isLeft(listed)) throw listed.left
    expect(users).toHaveLength(2_000)
    expect(users.map(plain)).toEqual(listed.right.map(plain))
    expect(users.map((u) => u.id)).toEqual(fake.control.users().map((u) => u.username))
    expect(plain(users[3]!)).toEqual({
      provider: 'thordata', id: 'user000003', username: 'user000003', status: 'disabled', trafficLimitBytes: 103 * 1_048_576, trafficUsedBytes: 0,
      createdAt: expect.any(Date), password: 'Pw3abc', vendor: { provider: 'thordata', proxyType: 'residential', gatewayUsername: 'td-customer-user000003' },
    })
  })

  it('stops reading when the consumer stops: most of a large reply is never sent', async () => {
    const fake = seeded(80_000)
    const { proxy, provider } = await serve(fake, { chunkBytes: 16_384 }, {}, true)
    const whole = JSON.stringify(fake.handle({ method: 'GET', path: '/proxy-users/user-list', query: new URLSearchParams(`token=${fake.token}&proxy_type=1`), headers: {}, body: '', origin: '' }).body).length
    const ids: string[] = []
    for await (const u of provider.iterate()) {
      ids.push(u.id)
      if (ids.length === 10) break
    }
    await proxy!.idle()
    expect(ids).toEqual(fake.control.users().slice(0, 10).map((u) => u.username))
    expect(whole).toBeGreaterThan(9_000_000)
    // What socket buffers hold is all that was sent ahead.
    expect(proxy!.served()).toBeLessThan(whole / 4)
  })

  it('cuts a reply off past maxResponseBytes as it arrives: the users before stand, then a vendor error', async () => {
    const { server, provider } = await serve(seeded(2_000), { chunkBytes: 1_000 }, { maxResponseBytes: 50_000, retry: { retries: 2, baseDelayMs: 1 } })
    const { users, error } = await drain(provider.iterate())
    expect(users.length).toBeGreaterThan(100)
    expect(users.length).toBeLessThan(500)
    expect(error).toMatchObject({ kind: 'vendor', operation: 'list', retryable: false, message: expect.stringContaining('larger than maxResponseBytes (50000) on GET /proxy-users/user-list') })
    expect(server.stats().thordata.requests).toBe(1)
  })

  it('times out a reply that stops arriving (timeoutMs), once users were given without retrying, and never shows the token', async () => {
    const fake = seeded(2_000)
    const { server, provider } = await serve(fake, { chunkBytes: 500, stallAfterBytes: 5_000 }, { timeoutMs: 300, retry: { retries: 2, baseDelayMs: 1 } })
    const { users, error } = await drain(provider.iterate())
    expect(users.length).toBeGreaterThan(10)
    expect(error).toMatchObject({ kind: 'timeout', operation: 'list', message: 'thordata list: timed out (ETIMEDOUT) on GET /proxy-users/user-list' })
    expect(inspect(error)).not.toContain(fake.token)
    expect(server.stats().thordata.requests).toBe(1)
  })

  it('stops at once on abort, while it waits for the vendor or while the consumer holds a user', async () => {
    for (const when of ['waiting', 'held'] as const) {
      const { provider } = await serve(seeded(2_000), { chunkBytes: 500, ...(when === 'waiting' ? { stallAfterBytes: 5_000 } : {}) })
      const controller = new AbortController()
      const seen: string[] = []
      let error: unknown
      try {
        for await (const u of provider.iterate({ signal: controller.signal })) {
          seen.push(u.id)
          if (when === 'held' && seen.length === 3) controller.abort()
          if (when === 'waiting' && seen.length === 1) setTimeout(() => controller.abort(), 20)
        }
      } catch (e) {
        error = e
      }
      expect(error).toMatchObject({ kind: 'network', operation: 'list', retryable: false, message: 'thordata list: request cancelled (GET /proxy-users/user-list)' })
      if (when === 'held') expect(seen).toHaveLength(3)
      else expect(seen.length).toBeLessThan(2_000)
    }
  })

  it('fails with the mapped error when the reply is an error code, before any user', async () => {
    const fake = seeded(10)
    const server = await startFakeServer([{ name: 'thordata', mount: MOUNT, fake }], { faults: { thordata: { chunkBytes: 5 } } })
    running.push(server)
    const provider = createThordataProvider({ token: 'wrong-token-1', baseURL: `${server.url}${MOUNT}`, rateLimit: false })
    const { users, error } = await drain(provider.iterate())
    expect(users).toEqual([])
    expect(error).toMatchObject({ kind: 'auth', vendorCode: 10013, status: 200, operation: 'list', message: 'thordata list: auth (HTTP 200, code 10013): Token error' })
    expect(inspect(error)).not.toContain('wrong-token-1')
    expect(server.stats().thordata.requests).toBe(1)
  })
})

describe('thordata iterate() over streamed replies the fake never sends', () => {
  /** A provider whose user-list answers these bodies, in turn, as streams of 16-byte pieces. */
  const streaming = (bodies: ReadonlyArray<string | readonly [number, string]>, options: Partial<ThordataOptions> = {}) => {
    const { mock, provider } = setup(options)
    for (const b of bodies) {
      const [status, text] = typeof b === 'string' ? [200, b] : b
      mock.onGet(LIST_URL).replyOnce(() => [status, drippedBody(text, { pieceBytes: 16 }).stream])
    }
    return { mock, provider }
  }
  const users = (n: number) => Array.from({ length: n }, (_, i) => rawUser({ username: `user${String(i).padStart(4, '0')}` }))

  it('gives the users, then fails with the mapped error of a code that comes after them', async () => {
    const { provider } = streaming([JSON.stringify({ data: { list: users(3) }, code: 10011, msg: 'too frequent' })])
    const { users: seen, error } = await drain(provider.iterate())
    expect(seen.map((u) => u.id)).toEqual(['user0000', 'user0001', 'user0002'])
    expect(error).toMatchObject({ kind: 'rate_limited', vendorCode: 10011, retryable: true, retryAfterMs: 3_000 })
  })

  it('retries a reply that fails before any user (a 503), as any read', async () => {
    const { mock, provider } = streaming([[503, 'Service Unavailable'], JSON.stringify(userListReply(users(2)))], { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } })
    const { users: seen, error } = await drain(provider.iterate())
    expect(error).toBeUndefined()
    expect(seen.map((u) => u.id)).toEqual(['user0000', 'user0001'])
    expect(mock.history.get).toHaveLength(2)
  })

  it('gives the users before a malformed one, then a decode error naming its path, never its value', async () => {
    const list = users(10)
    list[7] = { ...list[7], traffic_limit: 'Hidden-Value-42' }
    const { provider } = streaming([JSON.stringify(userListReply(list))])
    const { users: seen, error } = await drain(provider.iterate())
    expect(seen).toHaveLength(7)
    expect(error).toMatchObject({ kind: 'decode', operation: 'list', fields: [{ path: 'data.list.7.traffic_limit', message: expect.stringContaining('expected') }] })
    expect([error?.message, inspect(error), JSON.stringify(error)].join(' ')).not.toContain('Hidden-Value-42')
  })

  it('gives the users before malformed JSON, then a decode error that quotes nothing of the body', async () => {
    const text = JSON.stringify(userListReply(users(5)))
    const broken = text.replace('"user0003"', 'Secret-Pass-9')
    const { provider } = streaming([broken])
    const { users: seen, error } = await drain(provider.iterate())
    expect(seen.map((u) => u.id)).toEqual(['user0000', 'user0001', 'user0002'])
    expect(error).toMatchObject({ kind: 'decode', message: 'thordata list: unexpected response: (body) expected valid JSON' })
    expect(inspect(error)).not.toContain('Secret')
  })

  it('keeps each username once, as list does', async () => {
    const dup = [...users(3), rawUser({ username: 'user0001', password: 'Other123' })]
    const { provider } = streaming([JSON.stringify({ code: 200, msg: 'ok', data: { user_count: 4, list: dup } })])
    const { users: seen, error } = await drain(provider.iterate())
    expect(error).toBeUndefined()
    expect(seen.map((u) => [u.id, u.password?.reveal()])).toEqual([['user0000', 'Pw12345a'], ['user0001', 'Pw12345a'], ['user0002', 'Pw12345a']])
  })

  it('fails a list shorter than user_count once it has ended, with the decode error list gives', async () => {
    const text = JSON.stringify({ code: 200, msg: 'ok', data: { user_count: 5, list: users(3) } })
    const { provider } = streaming([text])
    const { users: seen, error } = await drain(provider.iterate())
    expect(seen).toHaveLength(3)
    const expected = { kind: 'decode', fields: [{ path: 'data.list', message: 'expected at least data.user_count users (the list is truncated)' }] }
    expect(error).toMatchObject(expected)
    const whole = setup()
    whole.mock.onGet(LIST_URL).reply(200, text)
    expect(await whole.provider.list()()).toMatchObject({ _tag: 'Left', left: expected })
  })

  it('accepts a list longer than user_count, as list does', async () => {
    const { provider } = streaming([JSON.stringify({ code: 200, msg: 'ok', data: { user_count: 1, list: users(3) } })])
    const { users: seen, error } = await drain(provider.iterate())
    expect(error).toBeUndefined()
    expect(seen).toHaveLength(3)
  })

  it('reads the users of a reply that has them in data.data instead of data.list (§6.15)', async () => {
    const { provider } = streaming([JSON.stringify({ code: 200, msg: 'ok', data: { user_count: 2, data: users(2) } })])
    const { users: seen, error } = await drain(provider.iterate())
    expect(error).toBeUndefined()
    expect(seen.map((u) => u.id)).toEqual(['user0000', 'user0001'])
  })

  it('refuses a reply with no list at all, as list does', async () => {
    const { provider } = streaming([JSON.stringify({ code: 200, msg: 'ok', data: { user_count: 0 } })])
    const { error } = await drain(provider.iterate())
    expect(error).toMatchObject({ kind: 'decode', fields: [{ path: 'data.list', message: 'expected Array<ThordataUser> (or data.data)' }] })
  })
})
