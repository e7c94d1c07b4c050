import { inspect } from 'node:util'
import { SubUserError, redactError, unsupportedError, validationError, withApplied } from '../../src/errors'
import { redact, secret } from '../../src/secret'

describe('secret', () => {
  const s = secret('Pw12345a')
  it('reveals its value only through reveal()', () => {
    expect(s.reveal()).toBe('Pw12345a')
    expect(String(s)).toBe('[REDACTED]')
    expect(`${s}`).toBe('[REDACTED]')
    expect(JSON.stringify({ s })).toBe('{"s":"[REDACTED]"}')
    expect(inspect({ s })).not.toContain('Pw12345a')
  })

  it('cannot have a method assigned over, nor show its value as an own key', () => {
    const t = secret('Pw12345a') as unknown as Record<string, unknown>
    expect(() => {
      t.toJSON = () => 'Pw12345a'
    }).toThrow(TypeError)
    expect(() => {
      t.reveal = () => 'other'
    }).toThrow(TypeError)
    expect(JSON.stringify(t)).toBe('"[REDACTED]"')
    expect((t as unknown as { reveal(): string }).reveal()).toBe('Pw12345a')
    expect(Object.keys(t)).toEqual([])
    expect(Object.getOwnPropertyNames(t)).toEqual([])
  })
})

describe('redact', () => {
  it('replaces every secret, longest first, and ignores very short values', () => {
    expect(redact('token abcd1234 and abcd1234x', ['abcd1234', 'abcd1234x'])).toBe('token [REDACTED] and [REDACTED]')
    expect(redact('a b c', ['a', ''])).toBe('a b c')
  })

  const SECRET = 'a/b+c= ö%&?#"x'
  it.each([
    ['raw', SECRET],
    ['encodeURIComponent', encodeURIComponent(SECRET)],
    ['lower-case percent-encoding', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form encoding (+ for a space)', new URLSearchParams({ t: SECRET }).toString().slice(2)],
    ['encodeURI (some characters left plain)', encodeURI(SECRET)],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['JSON-escaped as ASCII', JSON.stringify(SECRET).slice(1, -1).replace('ö', '\\u00F6').replace('/', '\\/')],
    ['Base64', Buffer.from(SECRET).toString('base64')],
    ['Base64 of its Latin-1 bytes', Buffer.from(SECRET, 'latin1').toString('base64')],
    ['URL-safe Base64', Buffer.from(SECRET).toString('base64url')],
  ])('recognises a secret %s', (_how, form) => {
    const out = redact(`vendor said: ${form}.`, [SECRET])
    expect(out).toMatch(/^vendor said: \[REDACTED\]=*\.$/)
  })

  it('keeps a JSON text valid: an escape is replaced whole', () => {
    for (const secret of ['abcd\\', 'ab"cd', 'a\\"\\b']) {
      const json = JSON.stringify({ said: `x ${secret}`, again: secret })
      expect(JSON.parse(redact(json, [secret]))).toEqual({ said: 'x [REDACTED]', again: '[REDACTED]' })
    }
  })

  it('replaces an ordinary-word secret wherever the word appears', () => {
    expect(redact('network error: errors', ['error'])).toBe('network [REDACTED]: [REDACTED]s')
  })
})

describe('redactError', () => {
  it('redacts message, string vendorCode, field paths and messages, and stack', () => {
    const key = 'k3y/With+Sign='
    const e = new SubUserError({
      kind: 'validation', provider: 'webshare', operation: 'create', message: `bad ${encodeURIComponent(key)}`, vendorCode: key,
      fields: [{ path: `label.${key}`, message: `code ${key}` }],
    })
    const r = redactError(e, [key])
    expect(r).toMatchObject({ kind: 'validation', message: 'bad [REDACTED]', vendorCode: '[REDACTED]', fields: [{ path: 'label.[REDACTED]', message: 'code [REDACTED]' }] })
    expect(r.stack).not.toContain(encodeURIComponent(key))
    expect(SubUserError.is(r)).toBe(true)
  })

  it('keeps the same error when there is nothing to redact', () => {
    const e = new SubUserError({ kind: 'vendor', provider: 'webshare', operation: 'get', message: 'x' })
    expect(redactError(e, ['k3y-secret'])).toBe(e)
  })
})

describe('SubUserError', () => {
  const e = new SubUserError({ kind: 'not_found', provider: 'webshare', operation: 'get', message: 'webshare get: no 42', status: 404 })

  it('carries its data and defaults retryable from the kind', () => {
    expect(e).toBeInstanceOf(Error)
    expect(e).toMatchObject({ name: 'SubUserError', kind: 'not_found', provider: 'webshare', operation: 'get', status: 404, retryable: false })
    expect(new SubUserError({ kind: 'timeout', provider: 'thordata', operation: 'list', message: 'x' }).retryable).toBe(true)
    expect(new SubUserError({ kind: 'vendor', provider: 'thordata', operation: 'list', message: 'x', retryable: true }).retryable).toBe(true)
  })

  it('is recognised by SubUserError.is across two copies of the module', () => {
    let Other: typeof SubUserError | undefined
    jest.isolateModules(() => {
      Other = (require('../../src/errors') as typeof import('../../src/errors')).SubUserError
    })
    expect(Other).toBeDefined()
    expect(Other).not.toBe(SubUserError)
    const foreign = new Other!({ kind: 'auth', provider: 'thordata', operation: 'list', message: 'x' })
    expect(foreign instanceof SubUserError).toBe(false)
    expect(SubUserError.is(foreign)).toBe(true)
    expect(SubUserError.is(new Error('x'))).toBe(false)
    expect(SubUserError.is({ kind: 'auth' })).toBe(false)
    expect(SubUserError.is(null)).toBe(false)
  })

  it('serialises to its safe fields only', () => {
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'SubUserError', kind: 'not_found', provider: 'webshare', operation: 'get',
      message: 'webshare get: no 42', retryable: false, status: 404,
    })
    expect(inspect(e)).toBe(`SubUserError ${JSON.stringify(e)}`)
  })

  it('builds validation and unsupported errors that name every field', () => {
    const v = validationError('thordata', 'create', [{ path: 'username', message: 'too short' }, { path: 'password', message: 'too long' }])
    expect(v).toMatchObject({ kind: 'validation', fields: [{ path: 'username' }, { path: 'password' }] })
    expect(v.message).toBe('thordata create: invalid input: username too short; password too long')
    const u = unsupportedError('webshare', 'update', 'password', 'no passwords')
    expect(u).toMatchObject({ kind: 'unsupported', fields: [{ path: 'password', message: 'no passwords' }] })
    expect(u.message).toBe('webshare update: password is not supported: no passwords')
  })

  it('says what a write of several steps applied before it failed, through redaction and serialisation', () => {
    const failed = new SubUserError({ kind: 'timeout', provider: 'iproyal', operation: 'update', message: 'iproyal update: timed out key-abcd1234', retryable: false, status: 408 })
    expect(withApplied(failed, [])).toBe(failed)
    const e = withApplied(failed, ['username', 'password'])
    expect(e).toMatchObject({ kind: 'timeout', status: 408, retryable: false, applied: ['username', 'password'] })
    expect(e.message).toBe('iproyal update: timed out key-abcd1234 (applied before it failed: username, password)')
    expect(JSON.parse(JSON.stringify(e)).applied).toEqual(['username', 'password'])
    const clean = redactError(e, ['key-abcd1234'])
    expect(clean.applied).toEqual(['username', 'password'])
    expect(clean.message).not.toContain('key-abcd1234')
  })
})
