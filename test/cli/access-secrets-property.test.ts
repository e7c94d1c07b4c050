/**
 * Random passwords and targets (fast-check): `access` never prints the password without
 * `--reveal` (in tables or JSON, in any encoding), prints it on the proxy-URL line only with
 * it, and no failure shows the password or the target's session id.
 */
import * as fc from 'fast-check'
import type { Sandbox } from '../../providers/sandbox'
import { COUNTRY_CODES } from '../../src/countries'
import { cli, startCliSandbox } from './support'

let sandbox: Sandbox
let env: Record<string, string>
beforeAll(async () => ({ sandbox, env } = await startCliSandbox()))
afterAll(() => sandbox.close())

const ALNUM = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']
const LETTERS = ALNUM.slice(0, 52)
/** A Thordata password: a letter, then 7 to 14 letters or digits. */
const password = fc.tuple(fc.constantFrom(...LETTERS), fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 7, maxLength: 14 })).map(([a, b]) => `${a}${b}`)
const sessionId = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 6, maxLength: 24 })
const target = fc.record(
  {
    country: fc.constantFrom(...COUNTRY_CODES).chain((c) => fc.constantFrom(c, c.toLowerCase())),
    session: fc.tuple(sessionId, fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined })).map(([id, minutes]) => (minutes === undefined ? id : `${id}:${minutes}`)),
    protocol: fc.constantFrom('http', 'https', 'socks5'),
  },
  { requiredKeys: [] },
)
const flagsOf = (t: { country?: string; session?: string; protocol?: string }): string[] => [
  ...(t.country === undefined ? [] : ['--country', t.country]),
  ...(t.session === undefined ? [] : ['--session', t.session]),
  ...(t.protocol === undefined ? [] : ['--protocol', t.protocol]),
]
const encodings = (s: string): ReadonlyArray<string> => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1), Buffer.from(s).toString('base64').replace(/=+$/, '')]

let n = 0
it('a random password never shows without --reveal, and only on the proxy-URL line with it, whatever the target', async () => {
  await fc.assert(
    fc.asyncProperty(password, target, async (pw, t) => {
      const username = `acc${String(n++).padStart(6, '0')}`
      expect((await cli(['create', '-p', 'thordata', '--username', username, '--password-env', 'PROP_PW'], { ...env, PROP_PW: pw })).code).toBe(0)
      const flags = flagsOf(t)
      const table = await cli(['access', username, '-p', 'thordata', ...flags], env)
      const json = await cli(['access', username, '-p', 'thordata', '--json', ...flags], env)
      for (const run of [table, json]) {
        expect(run.code).toBe(0)
        for (const form of encodings(pw)) expect(run.stdout + run.stderr).not.toContain(form)
      }
      const revealed = await cli(['access', username, '-p', 'thordata', '--reveal', ...flags], env)
      const lines = revealed.stdout.trimEnd().split('\n')
      expect(lines.filter((l) => l.includes(pw))).toEqual([lines[lines.length - 1]])
      expect(new URL(lines[lines.length - 1]!).password).toBe(encodeURIComponent(pw))
      const revealedJson = JSON.parse((await cli(['access', username, '-p', 'thordata', '--json', '--reveal', ...flags], env)).stdout) as Record<string, unknown>
      expect(Object.entries(revealedJson).filter(([, v]) => JSON.stringify(v).includes(pw)).map(([k]) => k)).toEqual(['url'])
    }),
    { numRuns: 25 },
  )
})

const badSession = fc.oneof(
  // An id of letters and digits with a length out of range.
  fc.tuple(sessionId, fc.integer({ min: 91, max: 99_999 })).map(([id, minutes]) => ({ text: `${id}:${minutes}`, id })),
  // An id with characters no vendor login takes.
  fc.tuple(sessionId, fc.constantFrom('-', '_', '.', '@', '/', '%', ' ')).map(([id, bad]) => ({ text: `${id.slice(0, 3)}${bad}${id.slice(3)}`, id: `${id.slice(0, 3)}${bad}${id.slice(3)}` })),
)

it('no failure shows a target session id or a password, in text or JSON', async () => {
  expect((await cli(['create', '-p', 'thordata', '--username', 'victim01', '--password-env', 'PROP_PW'], { ...env, PROP_PW: 'Vict1mPassw0rd' })).code).toBe(0)
  await fc.assert(
    fc.asyncProperty(badSession, fc.boolean(), async (session, asJson) => {
      const run = await cli(['access', 'victim01', '-p', 'thordata', '--session', session.text, ...(asJson ? ['--json'] : [])], env)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      for (const form of encodings(session.id)) expect(run.stderr).not.toContain(form)
      expect(run.stderr).not.toContain('Vict1mPassw0rd')
    }),
    { numRuns: 40 },
  )
})

/** An IPRoyal password: 8 to 16 letters or digits (the adapter's rule). */
const iproyalPassword = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 8, maxLength: 16 })
/** IPRoyal's targets: sessions of exactly 8 letters or digits, lifetimes up to 7 days. */
const iproyalTarget = fc.record(
  {
    country: fc.constantFrom(...COUNTRY_CODES),
    session: fc
      .tuple(fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 8, maxLength: 8 }), fc.option(fc.integer({ min: 1, max: 10_080 }), { nil: undefined }))
      .map(([id, minutes]) => (minutes === undefined ? id : `${id}:${minutes}`)),
    protocol: fc.constantFrom('http', 'https', 'socks5'),
  },
  { requiredKeys: [] },
)

it('IPRoyal, whose target goes into the password: the password never shows without --reveal, and only on the proxy-URL line with it', async () => {
  await fc.assert(
    fc.asyncProperty(iproyalPassword, iproyalTarget, async (pw, t) => {
      const username = `acc${String(n++).padStart(6, '0')}`
      const created = await cli(['create', '-p', 'iproyal', '--username', username, '--password-env', 'PROP_PW', '--limit', '1GiB', '--json'], { ...env, PROP_PW: pw })
      expect(created.code).toBe(0)
      const { id } = JSON.parse(created.stdout) as { id: string }
      const flags = flagsOf(t)
      for (const run of [await cli(['access', id, '-p', 'iproyal', ...flags], env), await cli(['access', id, '-p', 'iproyal', '--json', ...flags], env)]) {
        expect(run.code).toBe(0)
        for (const form of encodings(pw)) expect(run.stdout + run.stderr).not.toContain(form)
      }
      const lines = (await cli(['access', id, '-p', 'iproyal', '--reveal', ...flags], env)).stdout.trimEnd().split('\n')
      expect(lines.filter((l) => l.includes(pw))).toEqual([lines[lines.length - 1]])
      expect(decodeURIComponent(new URL(lines[lines.length - 1]!).password).startsWith(pw)).toBe(true)
    }),
    { numRuns: 15 },
  )
})
