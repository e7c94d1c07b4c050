import { cli, startCliSandbox } from './support'
import type { Sandbox } from '../../providers/sandbox'

let sandbox: Sandbox
let env: Record<string, string>
beforeAll(async () => ({ sandbox, env } = await startCliSandbox()))
afterAll(() => sandbox.close())

describe('PROXY_SUBUSERS_RATE_LIMIT', () => {
  it('accepts off or a number of requests per minute', async () => {
    for (const value of ['off', '600', '0.5']) {
      const run = await cli(['list', '--provider', 'webshare'], { ...env, PROXY_SUBUSERS_RATE_LIMIT: value })
      expect(run).toMatchObject({ code: 0, stderr: '' })
    }
  })

  it('refuses anything else with a usage error, sending nothing', async () => {
    const before = sandbox.stats().webshare.requests
    for (const value of ['fast', '-1', '0']) {
      const run = await cli(['list', '--provider', 'webshare'], { ...env, PROXY_SUBUSERS_RATE_LIMIT: value })
      expect(run).toMatchObject({ code: 2, stdout: '', stderr: "proxy-subusers: PROXY_SUBUSERS_RATE_LIMIT must be 'off' or a number of requests per minute\n" })
    }
    expect(sandbox.stats().webshare.requests).toBe(before)
  })
})
