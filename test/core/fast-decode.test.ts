/**
 * The decode step's shortcut (`identityGuard`) and the date readers it relies on: a payload the
 * shortcut accepts is exactly what the full io-ts decode returns, for the vendors' own codecs
 * on their fixtures and on random mutations of them; converting codecs get no shortcut.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { IPRoyalSubUserPage } from '../../providers/iproyal/codecs'
import iproyalPage from '../../providers/iproyal/fixtures/list-page.json'
import { OxylabsSubUserList } from '../../providers/oxylabs/codecs'
import oxylabsList from '../../providers/oxylabs/fixtures/list.json'
import { ThordataReply, ThordataUserList } from '../../providers/thordata/codecs'
import thordataList from '../../providers/thordata/fixtures/user-list.json'
import { WebshareSubUserPage } from '../../providers/webshare/codecs'
import webshareSubUser from '../../providers/webshare/fixtures/subuser.json'
import { checked, nullable } from '../../src/codecs'
import { isIsoDateTime, isoDateMillis, isoDateTimeMillis, readIsoDateTime, spacedUtcMinuteMillis } from '../../src/datetime'
import { decodeWith, identityGuard } from '../../src/decode'
import * as guardModule from '../../src/guard'
import { compileGuard } from '../../src/guard'

const webshareCodec = WebshareSubUserPage
const thordataCodec = ThordataReply(ThordataUserList)
const webshareReply = { count: 1, next: null, previous: null, results: [webshareSubUser] }

/** A JSON value that may replace any field: the right type, the wrong one, null, absent. */
const anyJson = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constantFrom('2025-04-01T10:00:00Z', '2025-02-30T00:00:00Z', '2025-03-01', 'true', '-2', -2, 1e309),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
)

/** The record with one field (maybe nested one level) replaced by `value`. */
const mutate = (record: Record<string, unknown>, key: string, nested: string | undefined, value: unknown): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...record }
  const inner = copy[key]
  if (nested !== undefined && typeof inner === 'object' && inner !== null && !Array.isArray(inner)) copy[key] = { ...inner, [nested]: value }
  else copy[key] = value
  return copy
}

describe('identityGuard', () => {
  it.each([
    ['webshare page', webshareCodec],
    ['thordata user list', thordataCodec],
    ['oxylabs list', OxylabsSubUserList],
    ['iproyal page', IPRoyalSubUserPage],
  ])('is offered for the %s codec, which only checks', (_, codec) => {
    expect(identityGuard(codec)).toBeDefined()
  })

  it('is not offered for a codec with a converting part', () => {
    const numberFromString = new t.Type<number, string, unknown>('NumberFromString', (u): u is number => typeof u === 'number', (u, c) => (typeof u === 'string' ? t.success(Number(u)) : t.failure(u, c)), String)
    expect(identityGuard(t.type({ n: numberFromString }))).toBeUndefined()
    expect(identityGuard(t.exact(t.type({ n: t.number })))).toBeUndefined()
    expect(identityGuard(t.type({ n: nullable(t.number), s: checked('"s"', (u): u is 's' => u === 's') }))).toBeDefined()
  })

  it('writes a guard as code at a codec\'s second payload: one built for a single check keeps io-ts `is`', () => {
    const compile = jest.spyOn(guardModule, 'compileGuard')
    try {
      const codec = t.type({ id: t.number })
      const guard = identityGuard(codec)!
      expect(guard({ id: 1 })).toBe(true)
      expect(compile).not.toHaveBeenCalled()
      // Whichever decoder made for the codec checks next: once a decoder is made, it may be kept.
      const again = identityGuard(codec)!
      expect(compile).not.toHaveBeenCalled()
      expect([again({ id: '1' }), guard({ id: 2 }), again({ id: 3 }), identityGuard(codec)!({})]).toEqual([false, true, true, false])
      expect(compile).toHaveBeenCalledTimes(1)
    } finally {
      compile.mockRestore()
    }
  })

  const agrees = (codec: t.Mixed, payload: unknown) => {
    const full = codec.decode(payload)
    const guard = identityGuard(codec)!
    if (guard(payload)) {
      // The shortcut may only accept what decode accepts, unchanged.
      expect(E.isRight(full) && full.right === payload).toBe(true)
    }
    return E.isRight(full)
  }

  it('accepts a Webshare record only when decode returns it unchanged (random field mutations)', () => {
    const keys = Object.keys(webshareSubUser)
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.option(fc.constantFrom(...Object.keys(webshareSubUser.aggregate_stats)), { nil: undefined }), anyJson, (key, nested, value) => {
        const record = mutate(webshareSubUser as Record<string, unknown>, key, nested, value)
        agrees(webshareCodec, { ...webshareReply, results: [record] })
      }),
      { numRuns: 2000 },
    )
  })

  it('accepts a Thordata list only when decode returns it unchanged (random field mutations)', () => {
    const [user] = thordataList.data.list
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(user!)), anyJson, (key, value) => {
        agrees(thordataCodec, { code: 200, data: { ...thordataList.data, list: [mutate(user as Record<string, unknown>, key, undefined, value)] } })
      }),
      { numRuns: 2000 },
    )
  })

  /** Each vendor's list codec, a listing and a way to put one mutated record in it. */
  const listings: ReadonlyArray<[string, t.Mixed, Record<string, unknown>, (r: Record<string, unknown>) => unknown]> = [
    ['webshare', webshareCodec, webshareSubUser, (r) => ({ ...webshareReply, results: [r] })],
    ['thordata', thordataCodec, thordataList.data.list[0]!, (r) => ({ code: 200, data: { ...thordataList.data, list: [r] } })],
    ['oxylabs', OxylabsSubUserList, oxylabsList[1]!, (r) => [oxylabsList[0], r]],
    ['iproyal', IPRoyalSubUserPage, iproyalPage.data[0]!, (r) => ({ ...iproyalPage, data: [r] })],
  ]

  it.each(listings)('compiled for %s, says what io-ts `is` says on random mutations of a record', (_, codec, record, wrap) => {
    const guard = compileGuard(codec)
    expect(guard(wrap(record))).toBe(true)
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(record), 'unknown_field'), anyJson, (key, value) => {
        const payload = wrap(mutate(record, key, undefined, value))
        expect(guard(payload)).toBe(codec.is(payload))
      }),
      { numRuns: 2000 },
    )
  })

  it('compiled, refuses what io-ts refuses at the top: not an object, an array for a record, a missing key', () => {
    const codec = t.type({ a: t.number, b: t.union([t.undefined, t.string]) })
    const guard = compileGuard(codec)
    for (const u of [null, [], 'x', 1, { a: 1 }, { a: 1, b: 2 }, { b: undefined }, { a: 1, b: undefined }, { a: 1, b: 's', c: 0 }]) expect(guard(u)).toBe(codec.is(u))
  })

  /** A codec with every part the compiler writes as code, and some it leaves to `is`. */
  const Leaf = t.union([t.string, t.number, t.boolean, t.null, t.literal('x'), t.keyof({ a: null, constructor: null })])
  const Wide = t.intersection([
    t.type({ s: t.string, n: t.number, b: t.boolean, z: t.null, u: t.undefined, v: t.void, any: t.unknown, lit: t.literal(3), key: t.keyof({ on: null, off: null }) }),
    t.partial({
      'a "quoted"\nkey': nullable(t.array(t.array(Leaf))),
      nested: t.readonly(t.type({ deep: t.readonlyArray(t.union([t.type({ k: t.Int }), t.string])) })),
      rec: t.record(t.string, t.number),
      tup: t.tuple([t.string, t.number]),
      even: checked('even', (u): u is number => typeof u === 'number' && u % 2 === 0),
    }),
  ])
  const wideValue = { s: 's', n: 1, b: true, z: null, u: undefined, v: undefined, any: {}, lit: 3, key: 'on', 'a "quoted"\nkey': [['x', 1, null, 'constructor']], rec: { a: 1 }, tup: ['a', 1], even: 2 }

  it('compiled, says what io-ts `is` says for every kind of part, on random mutations', () => {
    const guard = compileGuard(Wide)
    expect(guard(wideValue)).toBe(true)
    const keys = [...Object.keys(wideValue), 'nested', 'absent']
    // Every key given every value of a set that holds, for each part, one it takes and one it refuses; then each key removed.
    const values: unknown[] = [0, 1, 2, 3, -2, 1.5, NaN, '', 's', 'x', 'on', 'off', 'constructor', 'toString', true, false, null, undefined, [], {}, ['a', 1], ['a', 'b'], [['x']], [[1.5]], [[{}]], [['constructor', 'toString']], { deep: [{ k: 1 }, 'y'] }, { deep: [{ k: 1.5 }] }, { deep: {} }, { a: 1 }, { a: 'x' }]
    for (const key of keys) {
      for (const v of values) {
        const payload: Record<string, unknown> = { ...wideValue, [key]: v }
        expect([key, v, guard(payload)]).toEqual([key, v, Wide.is(payload)])
      }
      const { [key]: _, ...without } = wideValue as Record<string, unknown>
      expect([key, guard(without)]).toEqual([key, Wide.is(without)])
    }
    for (const u of values) expect(guard(u)).toBe(Wide.is(u))
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.oneof(anyJson, fc.constantFrom(...values)), (key, v) => {
        const payload: Record<string, unknown> = { ...wideValue, [key]: v }
        expect(guard(payload)).toBe(Wide.is(payload))
      }),
      { numRuns: 2000 },
    )
  })

  it('compiled, checks a part deeper than it writes out with the part\'s own `is`', () => {
    let codec: t.Mixed = t.type({ leaf: t.number })
    let ok: unknown = { leaf: 1 }
    let bad: unknown = { leaf: 'x' }
    for (let i = 0; i < 80; i++) {
      codec = t.type({ next: codec })
      ok = { next: ok }
      bad = { next: bad }
    }
    const guard = compileGuard(codec)
    expect([guard(ok), guard(bad)]).toEqual([true, false])
  })

  it('falls back to the codec\'s own `is` where code may not be made from text, with the same answers', () => {
    const original = globalThis.Function
    globalThis.Function = function () {
      throw new EvalError('Code generation from strings disallowed for this context')
    } as unknown as FunctionConstructor
    let guard: (u: unknown) => boolean
    try {
      guard = compileGuard(Wide)
    } finally {
      globalThis.Function = original
    }
    expect(guard(wideValue)).toBe(true)
    expect(guard({ ...wideValue, n: 'one' })).toBe(false)
    expect(guard({ ...wideValue, even: 3 })).toBe(false)
  })

  it('leaves the report to the full decode: a refused payload still names its path', () => {
    const bad = { ...webshareReply, results: [{ ...webshareSubUser, created_at: '2025-02-30T00:00:00Z' }] }
    const result = decodeWith(webshareCodec, 'webshare', 'list')(bad)
    expect(E.isLeft(result) && result.left.fields).toEqual([{ path: 'results.0.created_at', message: 'expected IsoDateTime | null' }])
  })
})

describe('date readers', () => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')

  it('isoDateTimeMillis agrees with Date.parse on every valid date-time, and refuses days not on the calendar', () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }),
          h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), ms: fc.integer({ min: 0, max: 999 }),
          zone: fc.constantFrom('Z', '+00:00', '-07:00', '+05:30', '+1245'),
        }),
        ({ y, mo, d, h, mi, s, ms, zone }) => {
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms, 3)}${zone}`
          const iso = zone === '+1245' ? text.replace('+1245', '+12:45') : text
          const expected = Date.parse(iso)
          const onCalendar = new Date(Date.UTC(2000, mo - 1, d)).getUTCDate() === d && !(mo === 2 && d === 29 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0))
          expect(isoDateTimeMillis(text)).toBe(onCalendar ? expected : NaN)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['2025-04-01T10:00:00.123456-07:00', '2025-04-01T17:00:00.123Z'],
    ['2025-04-01T10:00Z', '2025-04-01T10:00:00.000Z'],
    ['2024-02-29T23:59:59.5+0100', '2024-02-29T22:59:59.500Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(new Date(isoDateTimeMillis(text)).toISOString()).toBe(iso)
  })

  it.each(['2025-04-01 10:00:00Z', '2025-04-01T10:00:00', '2025-04-01T24:00:00Z', '2025-04-01T10:60Z', '2025-04-01T10:00:00.Z', '2025-04-01T10:00:00.1234567890Z', '2025-04-01T10:00:00+24:00', '2025-04-01T10:00:00Zx', '2023-02-29T00:00:00Z', ''])(
    'refuses %j',
    (text) => {
      expect(isoDateTimeMillis(text)).toBeNaN()
    },
  )

  it('isoDateMillis reads a calendar day as UTC midnight and nothing else', () => {
    expect(new Date(isoDateMillis('2025-03-01')).toISOString()).toBe('2025-03-01T00:00:00.000Z')
    expect(new Date(isoDateMillis('0099-12-31')).toISOString()).toBe('0099-12-31T00:00:00.000Z')
    for (const bad of ['2025-02-29', '2025-13-01', '2025-3-01', '2025-03-01T00:00:00Z', '20250301', '']) expect(isoDateMillis(bad)).toBeNaN()
  })

  /** Text near the date-time grammar: each part valid, out of range, or replaced by a character the grammar does not take there. */
  const nearDateTime = fc
    .tuple(
      fc.constantFrom('2025', '2024', '1900', '2000', '0000', '9999', '20x5', '202'),
      fc.constantFrom('-'),
      fc.constantFrom('01', '02', '04', '12', '00', '13', '1', '0a'),
      fc.constantFrom('-', '/'),
      fc.constantFrom('01', '28', '29', '30', '31', '00', '32', '3'),
      fc.constantFrom('T', ' ', 't'),
      fc.constantFrom('00', '09', '23', '24', '7'),
      fc.constantFrom(':'),
      fc.constantFrom('00', '59', '60', '5'),
      fc.constantFrom('', ':00', ':59', ':60', ':5', ':00.1', ':00.123456', ':00.123456789', ':00.1234567890', ':00.', '.5'),
      fc.constantFrom('Z', '+00:00', '-07:00', '+05:30', '+1245', '+24:00', '-00:60', '+0', 'z', '', 'Zx', '+07:00:00'),
    )
    .map((parts) => parts.join(''))

  it('isIsoDateTime accepts exactly the texts isoDateTimeMillis reads', () => {
    fc.assert(
      fc.property(fc.oneof(nearDateTime, fc.string({ maxLength: 40 })), (text) => {
        expect(isIsoDateTime(text)).toBe(!Number.isNaN(isoDateTimeMillis(text)))
      }),
      { numRuns: 20_000 },
    )
    expect(isIsoDateTime('2024-02-29T23:59:59.5+0100')).toBe(true)
    expect(isIsoDateTime('2023-02-29T00:00:00Z')).toBe(false)
    expect(isIsoDateTime('2025-04-31T00:00Z')).toBe(false)
    expect(isIsoDateTime('2025-04-01T10:00:00Z\n')).toBe(false)
  })

  it('readIsoDateTime gives what isoDateTimeMillis gives, on every text isIsoDateTime accepts', () => {
    const accepted = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }),
        h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }),
        seconds: fc.oneof(fc.constant(''), fc.stringMatching(/^:[0-5]\d(\.\d{1,9})?$/)),
        zone: fc.constantFrom('Z', '+00:00', '-07:00', '+05:30', '+1245', '-0130', '+23:59'),
      })
      .map(({ y, mo, d, h, mi, seconds, zone }) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}${seconds}${zone}`)
      .filter(isIsoDateTime)
    fc.assert(
      fc.property(accepted, (text) => {
        expect(readIsoDateTime(text)).toBe(isoDateTimeMillis(text))
      }),
      { numRuns: 5000 },
    )
    for (const text of ['2025-04-01T10:00Z', '2025-04-01T10:00-0130', '2025-04-01T10:00:07+05:30', '2025-04-01T10:00:07.5Z', '2025-04-01T10:00:07.12-07:00', '2025-04-01T10:00:07.123456789+1245', '0000-03-01T00:00:00Z']) {
      expect(isIsoDateTime(text) && readIsoDateTime(text)).toBe(isoDateTimeMillis(text))
    }
  })

  it('spacedUtcMinuteMillis reads YYYY-MM-DD HH:MM as UTC, and nothing else', () => {
    expect(new Date(spacedUtcMinuteMillis('2022-01-24 13:54')).toISOString()).toBe('2022-01-24T13:54:00.000Z')
    expect(new Date(spacedUtcMinuteMillis('2024-02-29 00:00')).toISOString()).toBe('2024-02-29T00:00:00.000Z')
    for (const bad of ['2022-01-24T13:54', '2022-01-24 13:54Z', '2022-01-24 13:54:00', '2023-02-29 10:00', '2022-01-24 24:00', '2022-01-24 13:60', '2022-0a-24 13:54', '']) {
      expect(spacedUtcMinuteMillis(bad)).toBeNaN()
    }
  })
})
