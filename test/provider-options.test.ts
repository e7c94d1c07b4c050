/**
 * Every provider option is checked at construction with the same rules on
 * every vendor (src/options.ts): credentials too short to redact or holding
 * characters a header cannot carry, timeouts Node's timers cannot hold,
 * base URLs that are not http(s), malformed retry and rate-limit options.
 * A refusal is a `validation` SubUserError that names the option, never its value.
 */
import { createThordataProvider } from '../providers/thordata'
import { createWebshareProvider } from '../providers/webshare'
import { SubUserError } from '../src/errors'
import { MAX_TIMER_MS } from '../src/options'
import { mockedAxios } from './support/mocked-axios'
import { everything } from './support/outcome'

type Vendor = 'thordata' | 'webshare'
const VENDORS: ReadonlyArray<Vendor> = ['thordata', 'webshare']

/** Builds a provider of a vendor with valid options, these ones overriding them. */
const build = (vendor: Vendor, options: Record<string, unknown>) => {
  const { instance } = mockedAxios()
  const common = { axios: instance, retry: false, rateLimit: false }
  return vendor === 'thordata'
    ? createThordataProvider({ token: 'fake-token-01', ...common, ...options } as never)
    : createWebshareProvider({ apiKey: 'fake-api-key-01', ...common, ...options } as never)
}
const credentialOf = (vendor: Vendor) => (vendor === 'thordata' ? 'token' : 'apiKey')

/** The error a construction throws (failing the test if it does not throw a SubUserError). */
const refusal = (make: () => unknown): SubUserError => {
  try {
    make()
  } catch (e) {
    if (SubUserError.is(e)) return e
    throw new Error(`expected a SubUserError, got ${String(e)}`)
  }
  throw new Error('expected the construction to throw')
}

describe.each(VENDORS)('%s credentials', (vendor) => {
  const path = credentialOf(vendor)

  it.each([['abc'], ['x'], ['ab\u00e9']])('refuses %j: shorter than 4 characters, saying so', (value) => {
    const e = refusal(() => build(vendor, { [path]: value }))
    expect(e).toMatchObject({ kind: 'validation', operation: 'list', fields: [{ path, message: expect.stringContaining('too short') }] })
    expect(e.message).toContain('fewer than 4 characters')
  })

  it.each([
    ['a non-Latin-1 character', 'tök€n-value'],
    ['CR/LF (a second header)', 'token-value\r\nX-Injected: 1'],
    ['a lone LF', 'token\nvalue'],
    ['a NUL', 'token\u0000value'],
    ['a BEL', 'token\u0007value'],
    ['DEL', 'token\u007fvalue'],
    ['a C1 control character', 'token\u0085value'],
    ['an emoji', 'token-😀-value'],
  ])('refuses a credential holding %s, naming the rule and not the value', (_what, value) => {
    const e = refusal(() => build(vendor, { [path]: value }))
    expect(e).toMatchObject({ kind: 'validation', fields: [{ path, message: expect.stringContaining('header cannot carry') }] })
    expect(everything(e)).not.toContain(value)
  })

  it('refuses leading or trailing whitespace, which HTTP would drop', () => {
    expect(refusal(() => build(vendor, { [path]: ' token-value' }))).toMatchObject({ fields: [{ path, message: expect.stringContaining('whitespace') }] })
  })

  it('accepts a 4-character credential and printable Latin-1 ones', () => {
    expect(() => build(vendor, { [path]: 'abcd' })).not.toThrow()
    expect(() => build(vendor, { [path]: 'tök+/=%&?#"n' })).not.toThrow()
  })
})

it('a Thordata key follows the same rules (an empty one counts as not given)', () => {
  expect(refusal(() => build('thordata', { key: 'k\r\n' }))).toMatchObject({ fields: [{ path: 'key' }] })
  expect(refusal(() => build('thordata', { key: 'kk' }))).toMatchObject({ fields: [{ path: 'key', message: expect.stringContaining('too short') }] })
  expect(() => build('thordata', { key: '' })).not.toThrow()
})

describe.each(VENDORS)('%s common options: the same rules on every vendor', (vendor) => {
  it.each([[-1], [0], [1.5], ['abc'], [Number.NaN], [Number.POSITIVE_INFINITY], [2 ** 31], [null]])('refuses timeoutMs %p', (timeoutMs) => {
    expect(refusal(() => build(vendor, { timeoutMs }))).toMatchObject({
      kind: 'validation',
      fields: [{ path: 'timeoutMs', message: `must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}` }],
    })
  })

  it('accepts timeoutMs from 1 to 2^31 - 1', () => {
    expect(() => build(vendor, { timeoutMs: 1 })).not.toThrow()
    expect(() => build(vendor, { timeoutMs: MAX_TIMER_MS })).not.toThrow()
  })

  it.each([['ftp://example.test/api'], ['not a url'], [''], ['//example.test'], ['http://user:pw@example.test'], ['https://example.test/api?x=1'], ['https://example.test/#f'], [42]])(
    'refuses baseURL %p',
    (baseURL) => {
      expect(refusal(() => build(vendor, { baseURL }))).toMatchObject({ kind: 'validation', fields: [{ path: 'baseURL' }] })
    },
  )

  it.each([
    [{ retry: true }, 'retry'],
    [{ retry: 'often' }, 'retry'],
    [{ retry: { retries: 1.5 } }, 'retry.retries'],
    [{ retry: { retries: -1 } }, 'retry.retries'],
    [{ retry: { maxDelayMs: 2 ** 31 } }, 'retry.maxDelayMs'],
    [{ retry: { baseDelayMs: Number.POSITIVE_INFINITY } }, 'retry.baseDelayMs'],
    [{ retry: { retires: 5 } }, 'retry.retires'],
    [{ rateLimit: { requestPerMinute: 5 } }, 'rateLimit.requestPerMinute'],
    [{ rateLimit: true }, 'rateLimit'],
    [{ rateLimit: { concurrency: 0 } }, 'rateLimit.concurrency'],
    [{ rateLimit: { requestsPerMinute: -5 } }, 'rateLimit.requestsPerMinute'],
    [{ axios: {} }, 'axios'],
    [{ axios: 'axios' }, 'axios'],
  ])('refuses %j', (options, path) => {
    expect(refusal(() => build(vendor, options))).toMatchObject({ kind: 'validation', fields: [{ path }] })
  })

  it('lists every bad option at once', () => {
    const e = refusal(() => build(vendor, { [credentialOf(vendor)]: 'ab', timeoutMs: -1, baseURL: 'ftp://x', retry: true }))
    expect(e.fields?.map((f) => f.path)).toEqual([credentialOf(vendor), 'baseURL', 'timeoutMs', 'retry'])
  })

  it('options whose getter throws are a validation error, not the getter’s exception', () => {
    const options = Object.defineProperty({ [credentialOf(vendor)]: 'fake-token-01' }, 'timeoutMs', {
      enumerable: true,
      get: () => {
        throw new Error('boom')
      },
    })
    const e = refusal(() => (vendor === 'thordata' ? createThordataProvider(options as never) : createWebshareProvider(options as never)))
    expect(e).toMatchObject({ kind: 'validation', fields: [{ path: 'timeoutMs', message: expect.stringContaining('could not be read') }] })
  })

  it('a call timeoutMs follows the same rule as the provider’s', async () => {
    const r = await build(vendor, {}).list({ timeoutMs: 2 ** 31 })()
    expect(r).toMatchObject({ _tag: 'Left', left: { kind: 'validation', fields: [{ path: 'timeoutMs' }] } })
  })
})
