import { inspect } from 'node:util'
import { SubUserError, unsupportedError, validationError } from '../../src/errors'
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
})

describe('redact', () => {
  it('replaces every secret, longest first, and ignores very short values', () => {
    expect(redact('token abcd1234 and abcd1234x', ['abcd1234', 'abcd1234x'])).toBe('token [REDACTED] and [REDACTED]')
    expect(redact('a b c', ['a', ''])).toBe('a b c')
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
})
