/**
 * Random tokens, keys, API keys and passwords never appear in anything the
 * CLI prints, whether the command succeeds or fails (fast-check).
 */
import * as fc from 'fast-check'
import type { Sandbox } from '../../providers/sandbox'
import { cli, startCliSandbox } from './support'

let sandbox: Sandbox
let env: Record<string, string>
beforeAll(async () => ({ sandbox, env } = await startCliSandbox()))
afterAll(() => sandbox.close())

const secretText = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 8, maxLength: 30 })

it('wrong credentials from the environment never show in the output', async () => {
  await fc.assert(
    fc.asyncProperty(secretText, secretText, secretText, async (token, key, apiKey) => {
      const wrong = { ...env, THORDATA_TOKEN: token, THORDATA_KEY: key, WEBSHARE_API_KEY: apiKey }
      const runs = [await cli(['list', '--provider', 'thordata'], wrong), await cli(['get', '7', '--provider', 'webshare', '--json'], wrong)]
      for (const run of runs) {
        expect(run.code).toBe(1)
        for (const s of [token, key, apiKey]) expect(run.stdout + run.stderr).not.toContain(s)
      }
    }),
    { numRuns: 40 },
  )
})

it('a random password given with --password-env never shows, in tables or JSON', async () => {
  let n = 0
  await fc.assert(
    fc.asyncProperty(secretText, async (tail) => {
      const password = `P${tail}`.slice(0, 15)
      const username = `prop${String(n++).padStart(6, '0')}`
      const runs = [
        await cli(['create', '--provider', 'thordata', '--username', username, '--password-env', 'PROP_PW'], { ...env, PROP_PW: password }),
        await cli(['get', username, '--provider', 'thordata', '--json'], env),
        await cli(['list', '--provider', 'thordata'], env),
      ]
      for (const run of runs) {
        expect(run.code).toBe(0)
        expect(run.stdout + run.stderr).not.toContain(password)
      }
    }),
    { numRuns: 30 },
  )
})

/** Printable Latin-1 characters of every class, URL and form metacharacters first, and words our messages hold. */
const UNITS = [...'+/=%&?#"\'\\<>{}[]:;,@!$^*()~`|-.', ...'éöüßñÿ', ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']
const anyClass = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...UNITS), minLength: 8, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom('invalid', 'request', 'expected', 'response').chain((w) => fc.string({ unit: fc.constantFrom(...UNITS), minLength: 4, maxLength: 8 }).map((t) => `${w}${t}`)) },
)
/** Every encoding a secret can be printed in. */
const encodings = (s: string): ReadonlyArray<string> => [
  s,
  encodeURIComponent(s),
  new URLSearchParams({ s }).toString().slice(2),
  JSON.stringify(s).slice(1, -1),
  Buffer.from(s).toString('base64').replace(/=+$/, ''),
]
const expectNone = (output: string, secrets: ReadonlyArray<string>) => {
  for (const s of secrets) for (const form of encodings(s)) expect(output).not.toContain(form)
}

it('wrong credentials of every character class never show in any encoding, in text or JSON', async () => {
  await fc.assert(
    fc.asyncProperty(anyClass, anyClass, anyClass, async (token, key, apiKey) => {
      const wrong = { ...env, THORDATA_TOKEN: token, THORDATA_KEY: key, WEBSHARE_API_KEY: apiKey }
      const runs = [
        await cli(['list', '--provider', 'thordata'], wrong),
        await cli(['get', 'alice001', '--provider', 'thordata', '--json'], wrong),
        await cli(['get', '7', '--provider', 'webshare', '--json'], wrong),
        await cli(['delete', '7', '--provider', 'webshare'], wrong),
      ]
      for (const run of runs) {
        expect(run.code).not.toBe(0)
        expectNone(run.stdout + run.stderr, [token, key, apiKey])
      }
    }),
    { numRuns: 25 },
  )
})

it('a credential refused at construction (too short, or a character a header cannot carry) is never printed', async () => {
  await fc.assert(
    fc.asyncProperty(anyClass, fc.constantFrom('\r\n', '\n', '\u0007', '€', '\u0085'), async (good, bad) => {
      const token = `${good}${bad}${good}`
      const runs = [
        await cli(['list', '--provider', 'thordata'], { ...env, THORDATA_TOKEN: token }),
        await cli(['list', '--provider', 'webshare', '--json'], { ...env, WEBSHARE_API_KEY: token }),
        await cli(['list', '--provider', 'thordata'], { ...env, THORDATA_TOKEN: good.slice(0, 3) }),
      ]
      for (const run of runs) {
        expect(run.code).toBe(2)
        expect(run.stderr).toMatch(/header cannot carry|too short/)
        expectNone(run.stdout + run.stderr, [token, good])
      }
    }),
    { numRuns: 25 },
  )
})
