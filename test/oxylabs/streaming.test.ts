/**
 * Oxylabs' `iterate()` reads its single list reply as it arrives: over real sockets against the
 * sandbox's fake dripping its answer in small pieces (exactness, the body cap, the exchange
 * timeout, a token refused part way through the session), and through axios-mock-adapter with
 * streamed bodies for replies the fake never sends (a malformed row or body, a body that is
 * not a list).
 */
import * as E from 'fp-ts/Either'
import { inspect } from 'node:util'
import { createOxylabsProvider, type OxylabsOptions } from '../../providers/oxylabs'
import { createOxylabsFake, type OxylabsFake } from '../../providers/oxylabs/sandbox'
import type { VendorFaults } from '../../src/sandbox/faults'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'
import { drain } from '../support/drain'
import { drippedBody } from '../support/dripped-body'
import { LIST_URL, mockLogin, setup } from './support'

const MOUNT = '/oxylabs'

/** A fake holding `count` sub-users besides its main user (created through its own handler, as HTTP creates would). */
const seeded = (count: number): OxylabsFake => {
  const fake = createOxylabsFake({ maxSubUsers: 1e9 })
  const request = (path: string, headers: Record<string, string>, body: string) => fake.handle({ method: 'POST', path, query: new URLSearchParams(), headers, body, origin: 'http://127.0.0.1' })
  const login = request('/v2/login', { authorization: `Basic ${Buffer.from(`${fake.username}:${fake.password}`).toString('base64')}` }, '')
  const headers = { authorization: `Bearer ${(login.body as { token: string }).token}`, 'content-type': 'application/json' }
  for (let i = 0; i < count; i++) {
    request(`/v2/users/${encodeURIComponent(fake.userId)}/sub-users`, headers, JSON.stringify({ username: `seed_${String(i).padStart(5, '0')}`, password: 'Seed_Password#1', traffic_limit: 1 + (i % 5), auto_disable: i % 2 === 0 }))
  }
  return fake
}

const running: FakeServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
})

/** The fake served on loopback with these faults; a provider for it (no retries, no pacing unless given). */
const serve = async (fake: OxylabsFake, faults: VendorFaults, options: Partial<OxylabsOptions> = {}) => {
  const server = await startFakeServer([{ name: 'oxylabs', mount: MOUNT, fake }], { faults: { oxylabs: faults } })
  running.push(server)
  const provider = createOxylabsProvider({ username: fake.username, password: fake.password, baseURL: `${server.url}${MOUNT}/v2`, retry: false, rateLimit: false, ...options })
  return { server, provider }
}

describe('oxylabs iterate() over a reply dripped in small pieces', () => {
  it('gives exactly the sub-users list() gives, in the same order, each field mapped', async () => {
    const fake = seeded(1_500)
    const { provider } = await serve(fake, { chunkBytes: 89 })
    const { users, error } = await drain(provider.iterate())
    expect(error).toBeUndefined()
    const listed = await provider.list()()
    if (E.isLeft(listed)) throw listed.left
    expect(users).toHaveLength(1_501)
    expect(users).toEqual(listed.right)
    expect(users.map((u) => u.id)).toEqual(fake.control.subUsers().map((u) => String(u.id)))
    expect(users[0]).toMatchObject({ username: fake.username, vendor: { isMainUser: true } })
    expect(users[4]).toMatchObject({ username: 'seed_00003', status: 'active', trafficLimitBytes: 4 * 2 ** 30, vendor: { autoDisable: false, isMainUser: false } })
  })

  it('cuts a reply off past maxResponseBytes as it arrives: the sub-users before stand, then a vendor error', async () => {
    const { server, provider } = await serve(seeded(1_000), { chunkBytes: 1_000 }, { maxResponseBytes: 40_000, retry: { retries: 2, baseDelayMs: 1 } })
    const { users, error } = await drain(provider.iterate())
    expect(users.length).toBeGreaterThan(50)
    expect(users.length).toBeLessThan(500)
    expect(error).toMatchObject({ kind: 'vendor', operation: 'list', retryable: false, message: expect.stringContaining('larger than maxResponseBytes (40000)') })
    // One login, one list: a reply cut off after rows were given is not sent again.
    expect(server.stats().oxylabs.requests).toBe(2)
  })

  it('times out a reply that stops arriving (timeoutMs), once rows were given without retrying, and never shows the token or password', async () => {
    const fake = seeded(1_000)
    const { server, provider } = await serve(fake, {}, { timeoutMs: 300, retry: { retries: 2, baseDelayMs: 1 } })
    // Logged in first: the stall holds back every answer, the login's too.
    expect(E.isRight(await provider.list()())).toBe(true)
    server.setFaults({ oxylabs: { chunkBytes: 500, stallAfterBytes: 6_000 } })
    const { users, error } = await drain(provider.iterate())
    expect(users.length).toBeGreaterThan(10)
    expect(error).toMatchObject({ kind: 'timeout', operation: 'list' })
    expect(inspect(error)).not.toContain(fake.password)
    expect(inspect(error)).not.toMatch(/Bearer|eyJ/)
  })

  it('logs in again when the token was refused before the reply, and streams the list with the new one', async () => {
    const fake = seeded(50)
    const { server, provider } = await serve(fake, { chunkBytes: 64 })
    expect(E.isRight(await provider.list()())).toBe(true)
    const logins = fake.control.logins()
    fake.control.expireTokens()
    const { users, error } = await drain(provider.iterate())
    expect(error).toBeUndefined()
    expect(users).toHaveLength(51)
    expect(fake.control.logins()).toBe(logins + 1)
    // A login and a list, then the refused list, the new login and the list streamed.
    expect(server.stats().oxylabs.requests).toBe(5)
  })
})

describe('oxylabs iterate() over streamed replies the fake never sends', () => {
  /** A provider whose list answers this body as a stream of 16-byte pieces. */
  const streaming = (text: string, status = 200) => {
    const { mock, provider } = setup()
    mockLogin(mock)
    mock.onGet(LIST_URL).replyOnce(() => [status, drippedBody(text, { pieceBytes: 16 }).stream])
    return { mock, provider }
  }
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: 100 + i, username: `row_${i}`, status: 'active', created_at: '2024-01-02 03:04', traffic: 0.5, traffic_limit: 10, auto_disable: false, lifetime: true }))

  it('gives the rows before a malformed one, then a decode error naming its path, never its value', async () => {
    const list: Array<Record<string, unknown>> = rows(10)
    list[6] = { ...list[6], traffic_limit: 'Hidden-Value-42' }
    const { provider } = streaming(JSON.stringify(list))
    const { users, error } = await drain(provider.iterate())
    expect(users.map((u) => u.id)).toEqual(['100', '101', '102', '103', '104', '105'])
    expect(error).toMatchObject({ kind: 'decode', operation: 'list', fields: [{ path: '6.traffic_limit', message: expect.stringContaining('expected') }] })
    expect([error?.message, inspect(error), JSON.stringify(error)].join(' ')).not.toContain('Hidden-Value-42')
  })

  it('gives the rows before malformed JSON, then a decode error that quotes nothing of the body', async () => {
    const broken = JSON.stringify(rows(5)).replace('"row_3"', 'Secret-Pass-9')
    const { provider } = streaming(broken)
    const { users, error } = await drain(provider.iterate())
    expect(users.map((u) => u.username)).toEqual(['row_0', 'row_1', 'row_2'])
    expect(error).toMatchObject({ kind: 'decode', message: 'oxylabs list: unexpected response: (body) expected valid JSON' })
    expect(inspect(error)).not.toContain('Secret')
  })

  it('refuses a 2xx body that is not a list, with the decode error list gives', async () => {
    const { provider } = streaming(JSON.stringify({ results: rows(2) }))
    const streamed = await drain(provider.iterate())
    expect(streamed.users).toEqual([])
    expect(streamed.error).toMatchObject({ kind: 'decode', operation: 'list', fields: [{ path: '', message: expect.stringContaining('expected') }] })
    const { provider: whole } = streaming(JSON.stringify({ results: rows(2) }))
    const listed = await whole.list()()
    expect(E.isLeft(listed) && listed.left.fields).toEqual(streamed.error?.fields)
  })

  it('maps an error status before any row as list does (429 is rate_limited)', async () => {
    const { provider } = streaming(JSON.stringify({ error: 'Too many requests' }), 429)
    const { users, error } = await drain(provider.iterate())
    expect(users).toEqual([])
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, operation: 'list' })
  })
})
