import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { NonNegative, SafeId, nullable } from '../../src/codecs'
import { decodeProblems, decodeWith, describeErrors } from '../../src/decode'
import { GIB, KIB, MIB, formatBytes, gib, mib, toVendorUnits } from '../../src/units'

const User = t.type({ name: t.string, password: t.union([t.string, t.null]), tags: t.array(t.number) })

describe('decodeWith', () => {
  const decode = decodeWith(User, 'thordata', 'get')

  it('passes a valid payload through, unknown fields included', () => {
    expect(decode({ name: 'a', password: null, tags: [1], extra: true })).toEqual(E.right({ name: 'a', password: null, tags: [1], extra: true }))
  })

  it('names paths and expected types, never the values', () => {
    const r = decode({ name: 42, password: 'Hunter2secret', tags: [1, 'Topsecretvalue'] })
    expect(E.isRight(r)).toBe(false)
    const password = decode({ name: 'a', password: 7, tags: [] })
    if (E.isRight(r) || E.isRight(password)) throw new Error('expected failures')
    expect(r.left).toMatchObject({ kind: 'decode', provider: 'thordata', operation: 'get' })
    expect(r.left.fields).toEqual([
      { path: 'name', message: 'expected string' },
      { path: 'tags.1', message: 'expected number' },
    ])
    expect(r.left.message).not.toContain('Topsecretvalue')
    expect(JSON.stringify(r.left)).not.toContain('Topsecretvalue')
    // A union's member index is not part of the path.
    expect(password.left.fields).toEqual([{ path: 'password', message: 'expected string | null' }])
  })

  it('names only the schema keys: a record key or an undeclared key is <key>, indexes and keys under wrappers are kept', () => {
    const KEY = 'Topsecretkey'
    const Schema = t.type({
      countries: t.record(t.string, t.number),
      stats: nullable(t.exact(t.type({ total: t.number }))),
      list: t.readonlyArray(t.partial({ name: t.string })),
      pair: t.tuple([t.string, t.number]),
    })
    const r = decodeWith(Schema, 'webshare', 'get')({ countries: { [KEY]: 'x' }, stats: { total: 'x' }, list: [{ name: 1 }], pair: ['a', 'b'] })
    if (E.isRight(r)) throw new Error('expected a failure')
    expect(r.left.fields).toEqual([
      { path: 'countries.<key>', message: 'expected number' },
      { path: 'stats.total', message: 'expected number' },
      { path: 'list.0.name', message: 'expected string' },
      { path: 'pair.1', message: 'expected number' },
    ])
    expect(JSON.stringify(r.left) + r.left.stack).not.toContain(KEY)
  })

  it('reports a missing body at the root', () => {
    expect(describeErrors((User.decode(undefined) as E.Left<t.Errors>).left)).toEqual([
      { path: '', message: expect.stringContaining('expected {') },
    ])
  })
})

describe('units', () => {
  it('converts binary units', () => {
    expect([KIB, MIB, GIB]).toEqual([1024, 1_048_576, 1_073_741_824])
    expect(mib(500)).toBe(524_288_000)
    expect(gib(10)).toBe(10_737_418_240)
    expect([formatBytes(null), formatBytes(mib(500)), formatBytes(gib(2)), formatBytes(1536), formatBytes(7)]).toEqual(['unlimited', '500MiB', '2GiB', '1536B', '7B'])
  })

  it('accepts only exact multiples of the step at or above the minimum', () => {
    const rule = { unit: MIB, minBytes: mib(100), path: 'trafficLimitBytes' }
    expect(toVendorUnits(mib(500), rule)).toEqual({ ok: true, value: 500 })
    for (const bad of [0, -mib(200), mib(99), mib(100) + 1, 1.5, Number.NaN, Infinity, '500', 2 ** 60]) {
      expect(toVendorUnits(bad, rule)).toEqual({
        ok: false,
        problem: { path: 'trafficLimitBytes', message: 'must be null (unlimited) or a whole number of MiB of at least 100MiB' },
      })
    }
    expect(toVendorUnits(mib(1536), { unit: GIB, step: MIB, minBytes: MIB, path: 'x' })).toEqual({ ok: true, value: 1.5 })
  })

  it('accepts a limit of 0 bytes where the minimum is 0, and says so when refusing', () => {
    const rule = { unit: GIB, step: MIB, minBytes: 0, path: 'trafficLimitBytes' }
    expect(toVendorUnits(0, rule)).toEqual({ ok: true, value: 0 })
    expect(toVendorUnits(MIB, rule)).toEqual({ ok: true, value: 1 / 1024 })
    for (const bad of [-MIB, -0.5, 1, MIB + 1]) {
      expect(toVendorUnits(bad, rule)).toEqual({ ok: false, problem: { path: 'trafficLimitBytes', message: 'must be null (unlimited) or a whole number of MiB, 0 included' } })
    }
  })

  it('accepts 0 where the minimum is 0, and leaves unlimited out of the message where it cannot be represented', () => {
    const rule = { unit: GIB, step: MIB, minBytes: 0, unlimited: false, path: 'trafficLimitBytes' }
    expect(toVendorUnits(0, rule)).toEqual({ ok: true, value: 0 })
    expect(toVendorUnits(mib(512), rule)).toEqual({ ok: true, value: 0.5 })
    for (const bad of [-MIB, -0.5, 1, MIB + 1, Number.NaN, null]) {
      expect(toVendorUnits(bad, rule)).toEqual({ ok: false, problem: { path: 'trafficLimitBytes', message: 'must be a whole number of MiB, 0 included' } })
    }
  })
})

describe('nullable', () => {
  it('decodes the codec or null, and names both in an error without the value', () => {
    const Counter = nullable(t.number)
    expect(Counter.decode(null)).toEqual(E.right(null))
    expect(Counter.decode(3)).toEqual(E.right(3))
    expect(decodeProblems(t.type({ n: Counter }))({ n: 'secret-value' })).toEqual(E.left([{ path: 'n', message: 'expected number | null' }]))
    expect(Counter.is(null) && Counter.is(1) && !Counter.is('1')).toBe(true)
    expect(Counter.encode(null)).toBeNull()
  })
})

describe('plausible numbers', () => {
  it('NonNegative takes finite numbers ≥ 0 only', () => {
    expect([0, 2.5, 1e300].map((n) => E.isRight(NonNegative.decode(n)))).toEqual([true, true, true])
    expect([-1, -0.5, Infinity, -Infinity, Number.NaN, '1', null].map((n) => E.isRight(NonNegative.decode(n)))).toEqual([false, false, false, false, false, false, false])
  })

  it('SafeId takes whole numbers 0 … 2^53 − 1 only', () => {
    expect([0, 42, Number.MAX_SAFE_INTEGER].map((n) => E.isRight(SafeId.decode(n)))).toEqual([true, true, true])
    expect([-1, 1.5, Number.MAX_SAFE_INTEGER + 1, 2 ** 60, Infinity, '42'].map((n) => E.isRight(SafeId.decode(n)))).toEqual([false, false, false, false, false, false])
  })
})
