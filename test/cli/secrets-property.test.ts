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
