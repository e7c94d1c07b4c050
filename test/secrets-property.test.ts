/**
 * Property (fast-check): random credentials and passwords of every character
 * class (URL and form metacharacters `+ / = % & ? #`, quotes and backslashes,
 * spaces, Latin-1 letters, ordinary words and parts of words) are thrown at
 * every error path of every vendor, with the vendor echoing them back in every
 * encoding (raw, percent- and form-encoded, JSON-escaped, Base64) in every
 * place an error body has (message, code, field keys and messages, plain text,
 * a next link's path, a record key, a wrong-typed value). No rendering of the
 * error (message, String, JSON, util.inspect at any depth, stack, cause,
 * vendorCode, fields) holds any of them, raw or encoded.
 */
import * as fc from 'fast-check'
import type * as TE from 'fp-ts/TaskEither'
import { inspect } from 'node:util'
import { createThordataProvider } from '../providers/thordata'
import { createWebshareProvider } from '../providers/webshare'
import { SubUserError } from '../src/errors'
import { credentialProblem } from '../src/options'
import { mockedAxios } from './support/mocked-axios'

// Each run goes through every error path of a vendor: generous, finite.
jest.setTimeout(120_000)

/** Characters of every class a credential may hold (printable Latin-1), the troublesome ones first. */
const UNITS = [...'+/=%&?#"\'\\<>{}[]:;,@!$^*()~`|- .', ...'éöüßñÿ±µ¿', ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']
/**
 * Words and parts of words that our own messages hold: such a credential is
 * redacted wherever it appears. Left out are the words an error prints as
 * they are, whatever the credentials: its kind, provider and operation, its
 * JSON keys and its name (SubUserError): a credential equal to one of those,
 * or to a part of one, cannot be told apart from them.
 */
const WORDS = ['error', 'invalid', 'input', 'request', 'response', 'expected', 'unexpected', 'refused', 'applied', 'number', 'string', 'http', 'proxy', 'quest', 'xpect', 'spons', 'efuse']

/** What an error prints as it is: its name, JSON keys, kinds, providers, operations, literals and the redaction mark. */
const FIXED_TEXT = [
  'SubUserError', 'name', 'kind', 'provider', 'operation', 'message', 'retryable', 'status', 'vendorCode', 'retryAfterMs', 'fields', 'path',
  'validation', 'auth', 'not_found', 'conflict', 'rate_limited', 'quota', 'unsupported', 'decode', 'network', 'timeout', 'vendor',
  'thordata', 'webshare', 'create', 'get', 'update', 'delete', 'list', 'refresh', 'true', 'false', 'null', '[REDACTED]',
].join(' ')
/** A credential that is part of that text, or only digits (a status or a wait is printed as a number), cannot be told apart from it. */
const distinguishable = (s: string) => !FIXED_TEXT.includes(s) && !/^\d+$/.test(s)

const mixed = fc.string({ unit: fc.constantFrom(...UNITS), minLength: 4, maxLength: 24 })
const credential = fc
  .oneof({ weight: 4, arbitrary: mixed }, { weight: 1, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...WORDS), mixed).map(([w, m]) => `${w}${m}`) })
  .filter((s) => credentialProblem('token', s) === undefined && distinguishable(s))
/** Webshare sends `Token <key>`: no whitespace. */
const apiKey = credential.filter((s) => !/\s/.test(s))
/** A password Thordata accepts (6 to 15 letters or digits, a letter first), words included. */
const password = fc.oneof(
  fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 5, maxLength: 14 })).map(([a, b]) => a + b),
  fc.constantFrom('errors', 'invalid', 'request', 'expected', 'response'),
).filter(distinguishable)

interface Secrets {
  readonly token: string
  readonly key: string
  readonly apiKey: string
  readonly password: string
  readonly newPassword: string
}

/** Every encoding a secret can come back in. */
const encodings = (s: string): ReadonlyArray<string> => [
  s,
  encodeURIComponent(s),
  encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
  new URLSearchParams({ s }).toString().slice(2),
  JSON.stringify(s).slice(1, -1),
  Buffer.from(s).toString('base64').replace(/=+$/, ''),
  Buffer.from(s).toString('base64url'),
]
const echo = (secrets: ReadonlyArray<string>) => secrets.flatMap(encodings).join(' | ')

const TD = 'http://td.test/api/proxy-users'
const WS = 'http://ws.test/api/v2/subuser'
const user = (s: Secrets) => ({ username: 'alice001', password: s.password, status: true, traffic_limit: 0 })
const userList = (users: unknown[]) => ({ code: 200, msg: 'ok', data: { user_count: users.length, list: users } })

const setup = (s: Secrets) => {
  const { instance, mock } = mockedAxios()
  const common = { axios: instance, retry: false as const, rateLimit: false as const }
  return {
    mock,
    thordata: createThordataProvider({ token: s.token, key: s.key, baseURL: 'http://td.test/api', ...common }),
    webshare: createWebshareProvider({ apiKey: s.apiKey, baseURL: 'http://ws.test', ...common }),
  }
}
type Setup = ReturnType<typeof setup>
/**
 * A name, the failing call (with the vendor's answers mocked), and the
 * passwords the call carries. Credentials are redacted from every error of a
 * provider; a password only from the errors of a call that carries it (no
 * other call can echo it, and an ordinary-word password may well be a word of
 * a message or a file name in a stack).
 */
type ErrorPath = readonly [string, (p: Setup, s: Secrets) => TE.TaskEither<SubUserError, unknown>, ((s: Secrets) => ReadonlyArray<string>)?]

const thordataPaths: ReadonlyArray<ErrorPath> = [
  ...[10013, 10014, 10016, 10018, 10019, 10011, 10099].map((code): ErrorPath => [`thordata create: code ${code} echoing everything`, (p, s) => {
    p.mock.onPost(`${TD}/create-user`).reply(200, { code, msg: echo([s.token, s.key, s.password]), data: { echo: s.token } })
    return p.thordata.create({ username: 'alice001', password: s.password })
  }, (s) => [s.password]]),
  ['thordata list: HTTP 401 with an echoing text body', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(401, echo([s.token, s.key]))
    return p.thordata.list()
  }],
  ['thordata list: HTTP 500 with an echoing JSON body', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(500, { msg: echo([s.token, s.key]) })
    return p.thordata.list()
  }],
  ['thordata get: a user whose fields are secrets of the wrong type (decode)', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(200, userList([{ username: 'alice001', password: 7, status: s.token, traffic_limit: s.key, [s.token]: s.password }]))
    return p.thordata.get('alice001')
  }],
  ['thordata list: a malformed list holding the secrets (decode)', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(200, { code: 200, msg: echo([s.token]), data: { list: [{ [s.key]: s.token }] } })
    return p.thordata.list()
  }],
  ['thordata list: a reset connection (token in the query)', (p) => {
    p.mock.onGet(`${TD}/user-list`).networkError()
    return p.thordata.list()
  }],
  ['thordata delete: a timeout (token and key in headers)', (p) => {
    p.mock.onPost(`${TD}/delete-user`).timeout()
    p.mock.onGet(`${TD}/user-list`).timeout()
    return p.thordata.delete('alice001')
  }],
  ['thordata update: the vendor echoes the old and new passwords', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(200, userList([user(s)]))
    p.mock.onPost(`${TD}/update-user`).reply(200, { code: 10016, msg: echo([s.password, s.newPassword, s.token]), data: {} })
    return p.thordata.update('alice001', { password: s.newPassword })
  }, (s) => [s.password, s.newPassword]],
  ['thordata update: a timeout on a write carrying passwords', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(200, userList([user(s)]))
    p.mock.onPost(`${TD}/update-user`).timeout()
    return p.thordata.update('alice001', { password: s.newPassword, trafficLimitBytes: null })
  }, (s) => [s.password, s.newPassword]],
  ['thordata refresh: usage statistics answer a code echoing the credentials', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(200, userList([user(s)]))
    p.mock.onGet(`${TD}/usage-statistics`).reply(200, { code: 10021, msg: echo([s.token, s.key]), data: null })
    return p.thordata.refresh('alice001')
  }],
  ['thordata get: not found (local)', (p, s) => {
    p.mock.onGet(`${TD}/user-list`).reply(200, userList([{ ...user(s), username: 'bob00001' }]))
    return p.thordata.get('alice001')
  }],
  ['thordata create: an invalid password (local validation)', (p, s) => p.thordata.create({ username: 'alice001', password: `${s.token}!` })],
  ['thordata get: an invalid id (local validation)', (p, s) => p.thordata.get(s.token)],
]

const webshareBodies = (s: Secrets): ReadonlyArray<unknown> => [
  { detail: echo([s.apiKey]), code: s.apiKey },
  { [s.apiKey]: [{ message: echo([s.apiKey]), code: s.apiKey }], label: [echo([s.apiKey])] },
  { [encodeURIComponent(s.apiKey)]: { nested: [{ message: s.apiKey, code: encodeURIComponent(s.apiKey) }] } },
  { non_field_errors: [echo([s.apiKey])] },
  [echo([s.apiKey])],
  echo([s.apiKey]),
]
const webshareStatuses = [400, 401, 403, 404, 405, 408, 409, 429, 500, 503, 418]

const webshareSubUser = { id: 42, label: 'team-a', proxy_countries: null, proxy_limit: 0, max_thread_count: 5, aggregate_stats: {}, created_at: '2025-06-01T00:00:00Z', updated_at: '2025-06-01T00:00:00Z', bandwidth_use_start_date: '2025-06-01T00:00:00Z', bandwidth_use_end_date: '2025-07-01T00:00:00Z' }

const websharePaths: ReadonlyArray<ErrorPath> = [
  ...webshareStatuses.flatMap((status) =>
    [0, 1, 2, 3, 4, 5].map((body): ErrorPath => [`webshare get: HTTP ${status}, body shape ${body}`, (p, s) => {
      const b = webshareBodies(s)[body]
      p.mock.onGet(`${WS}/42/`).reply(status, typeof b === 'string' ? b : JSON.stringify(b), { 'Retry-After': '1' })
      return p.webshare.get('42')
    }]),
  ),
  ['webshare create: field errors echoing the key', (p, s) => {
    p.mock.onPost(`${WS}/`).reply(400, webshareBodies(s)[1])
    return p.webshare.create({ username: 'team-a' })
  }],
  ['webshare update: a PATCH refused with field errors echoing the key', (p, s) => {
    p.mock.onPatch(`${WS}/42/`).reply(400, webshareBodies(s)[2])
    return p.webshare.update('42', { trafficLimitBytes: null })
  }],
  ['webshare get: a record key and a value that are the key (decode)', (p, s) => {
    p.mock.onGet(`${WS}/42/`).reply(200, JSON.stringify({ ...webshareSubUser, proxy_countries: { [s.apiKey]: s.apiKey }, label: 7 }))
    return p.webshare.get('42')
  }],
  ['webshare list: a next link holding the key in its path, then a reset', (p, s) => {
    const next = `http://ws.test/api/v2/subuser/${encodeURIComponent(s.apiKey)}/?page=2&k=${encodeURIComponent(s.apiKey)}`
    p.mock.onGet(`${WS}/`).reply(200, { count: 2, next, previous: null, results: [webshareSubUser] })
    p.mock.onGet(next).networkError()
    return p.webshare.list()
  }],
  ['webshare list: a next link off the origin holding the key', (p, s) => {
    p.mock.onGet(`${WS}/`).reply(200, { count: 2, next: `http://evil.test/${encodeURIComponent(s.apiKey)}?k=${s.apiKey}`, previous: null, results: [webshareSubUser] })
    return p.webshare.list()
  }],
  ['webshare delete: a timeout, then the read-back fails too', (p) => {
    p.mock.onDelete(`${WS}/42/`).timeout()
    p.mock.onGet(`${WS}/42/`).networkError()
    return p.webshare.delete('42')
  }],
  ['webshare refresh: a reset on a POST', (p) => {
    p.mock.onPost(`${WS}/42/refresh/`).networkError()
    return p.webshare.refresh('42')
  }],
  ['webshare create: a password (local unsupported)', (p, s) => p.webshare.create({ username: 'team-a', password: s.apiKey })],
  ['webshare get: an invalid id (local validation)', (p, s) => p.webshare.get(s.apiKey)],
]

/** Every way an error can be printed or serialised. */
const renderings = (e: SubUserError): ReadonlyArray<string> => [
  e.message,
  String(e),
  `${e}`,
  JSON.stringify(e),
  JSON.stringify({ fields: e.fields, vendorCode: e.vendorCode }),
  inspect(e, { depth: Infinity }),
  inspect(e, { depth: Infinity, showHidden: true }),
  e.stack ?? '',
  String((e as { cause?: unknown }).cause ?? ''),
]

const expectNoSecret = (e: SubUserError, secrets: ReadonlyArray<string>, where: string) => {
  for (const text of renderings(e)) {
    for (const secret of secrets) {
      for (const form of encodings(secret)) {
        if (text.includes(form)) throw new Error(`${where}: ${JSON.stringify(form)} (a form of ${JSON.stringify(secret)}) in ${JSON.stringify(text.slice(0, 1500))}`)
      }
    }
  }
}

const secretsArb = fc.record({ token: credential, key: credential, apiKey, password, newPassword: password }).filter((s) => s.password !== s.newPassword)

describe('random secrets never show in any error of any vendor', () => {
  it('every error path covers every kind', async () => {
    const s: Secrets = { token: 'tok+/=%&?#n', key: 'kéy-secret', apiKey: 'ws/+=%&?#key', password: 'Pwsecret01', newPassword: 'Pwsecret02' }
    const kinds = new Set<string>()
    for (const [, make] of [...thordataPaths, ...websharePaths]) {
      const r = await make(setup(s), s)()
      if (r._tag === 'Left') kinds.add(r.left.kind)
    }
    expect([...kinds].sort()).toEqual(['auth', 'conflict', 'decode', 'network', 'not_found', 'quota', 'rate_limited', 'timeout', 'unsupported', 'validation', 'vendor'])
  })

  // Each provider's errors are scanned for its own credentials (another vendor's cannot reach them).
  it.each([
    ['thordata', thordataPaths, (s: Secrets) => [s.token, s.key]],
    ['webshare', websharePaths, (s: Secrets) => [s.apiKey]],
  ] as const)('%s: no secret in any rendering, in any encoding', async (_vendor, paths, credentials) => {
    await fc.assert(
      fc.asyncProperty(secretsArb, async (s) => {
        for (const [name, make, passwords] of paths) {
          const r = await make(setup(s), s)()
          if (r._tag === 'Right') throw new Error(`${name}: expected a failure`)
          expect(SubUserError.is(r.left)).toBe(true)
          expectNoSecret(r.left, [...credentials(s), ...(passwords?.(s) ?? [])], name)
        }
      }),
      { numRuns: 30 },
    )
  })

  it('a refused credential is never printed by the refusal', () => {
    fc.assert(
      fc.property(credential, fc.constantFrom('\r\n', '\n', '\u0007', '€', '😀', '\u0085'), fc.constantFrom('token', 'apiKey'), (good, bad, option) => {
        const value = `${good}${bad}${good}`
        let thrown: unknown
        try {
          if (option === 'token') createThordataProvider({ token: value })
          else createWebshareProvider({ apiKey: value })
        } catch (e) {
          thrown = e
        }
        if (!SubUserError.is(thrown)) throw new Error('expected a SubUserError')
        expect(thrown.kind).toBe('validation')
        for (const text of renderings(thrown)) expect(text).not.toContain(value)
      }),
      { numRuns: 100 },
    )
  })
})
