/**
 * Property-based checks (fast-check) of the adapters' edges: hostile input is
 * refused before anything is sent, hostile payloads never crash a decode,
 * and random secrets never show in an error.
 */
import * as fc from 'fast-check'
import { inspect } from 'node:util'
import { createThordataProvider } from '../providers/thordata'
import { createWebshareProvider } from '../providers/webshare'
import type { CreateSubUser } from '../src/domain'
import type { SubUserProvider } from '../src/provider'
import { MIB } from '../src/units'
import { mockedAxios } from './support/mocked-axios'

const providers = (secrets: { token: string; key: string; apiKey: string } = { token: 'fake-token-01', key: 'fake-key-02', apiKey: 'fake-api-key-03' }) => {
  const { instance, mock } = mockedAxios()
  const common = { axios: instance, retry: false as const, rateLimit: false as const }
  return {
    mock,
    thordata: createThordataProvider({ token: secrets.token, key: secrets.key, baseURL: 'http://td.test/api', ...common }),
    webshare: createWebshareProvider({ apiKey: secrets.apiKey, baseURL: 'http://ws.test', ...common }),
  }
}

/** Strings people and attackers type: unicode, control characters, injections, huge ones. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "'; DROP TABLE users; --", '<script>', 'a'.repeat(10_000), 'ⓐⓑⓒⓓⓔⓕ', '\r\nX-Injected: 1'),
)
/** Traffic limits no vendor can store: negative, fractional, non-finite, huge, 0, off the MiB grid. */
const badLimit = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, Number.MAX_VALUE, 2 ** 53, -MIB),
  fc.double({ noNaN: true }).filter((d) => !Number.isSafeInteger(d) || d <= 0 || d % MIB !== 0),
  fc.integer({ min: 1, max: 2 ** 31 }).filter((n) => n % MIB !== 0),
)

describe('invalid input is refused before anything is sent', () => {
  it('bad traffic limits: a validation error naming the field, nothing sent, on both vendors', async () => {
    await fc.assert(
      fc.asyncProperty(badLimit, fc.constantFrom('thordata', 'webshare') as fc.Arbitrary<'thordata' | 'webshare'>, async (limit, vendor) => {
        const all = providers()
        const p: SubUserProvider = all[vendor]
        for (const task of [p.create({ username: 'valid001', trafficLimitBytes: limit }), p.update(vendor === 'thordata' ? 'valid001' : '7', { trafficLimitBytes: limit })]) {
          const r = await task()
          expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'validation' } })
          if (r._tag === 'Left') expect(r.left.fields?.map((f) => f.path)).toContain('trafficLimitBytes')
        }
        expect(all.mock.history.get.length + all.mock.history.post.length + all.mock.history.patch.length).toBe(0)
      }),
      { numRuns: 200 },
    )
  })

  it('random create inputs of any shape never throw; a refusal is validation or unsupported and sends nothing', async () => {
    const input = fc.record(
      {
        username: fc.oneof(hostileString, fc.anything()),
        password: fc.oneof(hostileString, fc.anything()),
        status: fc.oneof(fc.constantFrom('active', 'disabled'), fc.anything()),
        trafficLimitBytes: fc.oneof(badLimit, fc.constant(null), fc.anything()),
        vendor: fc.anything(),
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(input, fc.constantFrom('thordata', 'webshare') as fc.Arbitrary<'thordata' | 'webshare'>, async (raw, vendor) => {
        const all = providers()
        all.mock.onAny().reply(500, 'not expected')
        const r = await all[vendor].create(raw as unknown as CreateSubUser)()
        if (r._tag === 'Left' && (r.left.kind === 'validation' || r.left.kind === 'unsupported')) {
          expect(all.mock.history.post.length + all.mock.history.get.length).toBe(0)
        }
        expect(r._tag === 'Right' || r.left.name === 'SubUserError').toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('random vendor payloads never crash', () => {
  const webshareItem = { id: 7, label: 'team-a', proxy_limit: 1, proxy_countries: null, max_thread_count: 5, aggregate_stats: {}, created_at: '2025-06-01T00:00:00Z' }
  const thordataList = { code: 200, msg: 'ok', data: { user_count: 1, list: [{ username: 'valid001', password: 'Pw12345a', status: true, traffic_limit: 0 }] } }

  /** The payload with one key per level dropped or replaced by anything. */
  const mutated = (base: Record<string, unknown>) =>
    fc.tuple(fc.constantFrom(...Object.keys(base)), fc.option(fc.anything(), { nil: undefined })).map(([key, value]) => {
      const copy: Record<string, unknown> = { ...base }
      if (value === undefined) delete copy[key]
      else copy[key] = value
      return copy
    })

  it('webshare get: a correct result or a decode error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(webshareItem), fc.anything()), async (payload) => {
        const all = providers()
        all.mock.onGet('http://ws.test/api/v2/subuser/7/').reply(200, JSON.stringify(payload))
        const r = await all.webshare.get('7')()
        if (r._tag === 'Left') expect(r.left.kind).toBe('decode')
        else expect(r.right.provider).toBe('webshare')
      }),
      { numRuns: 300 },
    )
  })

  it('thordata get: a correct result, a decode error, or the error its code says, never a crash', async () => {
    const user = thordataList.data.list[0]!
    const payloads = fc.oneof(
      mutated(user).map((u) => ({ ...thordataList, data: { ...thordataList.data, list: [u] } })),
      mutated(thordataList),
      fc.anything(),
    )
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const all = providers()
        all.mock.onGet('http://td.test/api/proxy-users/user-list').reply(200, JSON.stringify(payload))
        const r = await all.thordata.get('valid001')()
        if (r._tag === 'Left') expect(['decode', 'not_found', 'validation', 'auth', 'conflict', 'rate_limited', 'quota', 'vendor']).toContain(r.left.kind)
        else expect(r.right.username).toBe('valid001')
      }),
      { numRuns: 300 },
    )
  })
})

describe('random secrets never show in an error', () => {
  const secretText = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 8, maxLength: 40 })

  it('tokens, keys, API keys and passwords echoed by the vendor are redacted everywhere', async () => {
    await fc.assert(
      fc.asyncProperty(secretText, secretText, secretText, secretText, async (token, key, apiKey, tail) => {
        const password = `P${tail}`.slice(0, 15)
        const all = providers({ token, key, apiKey })
        all.mock.onPost('http://td.test/api/proxy-users/create-user').reply(200, { code: 10016, msg: `bad ${password} for ${token}/${key}`, data: {} })
        all.mock.onGet('http://ws.test/api/v2/subuser/7/').reply(401, { detail: `Invalid token ${apiKey}` })
        const errors = [await all.thordata.create({ username: 'valid001', password })(), await all.webshare.get('7')()]
        for (const r of errors) {
          expect(r._tag).toBe('Left')
          if (r._tag === 'Right') continue
          const text = [r.left.message, String(r.left), JSON.stringify(r.left), inspect(r.left)].join('\n')
          for (const s of [token, key, apiKey, password]) expect(text).not.toContain(s)
        }
      }),
      { numRuns: 200 },
    )
  })
})
