/**
 * The one contract suite, run against every adapter twice: in-process, with
 * axios-mock-adapter answering from the vendor's sandbox fake (any request the
 * fake does not own throws), and over real HTTP against the sandbox.
 */
import { createIPRoyalProvider } from '../providers/iproyal'
import { createIPRoyalFake } from '../providers/iproyal/sandbox'
import { createThordataProvider } from '../providers/thordata'
import { createThordataFake } from '../providers/thordata/sandbox'
import { startSandbox } from '../providers/sandbox'
import { createWebshareProvider } from '../providers/webshare'
import { createWebshareFake } from '../providers/webshare/sandbox'
import { runContractSuite } from '../src/testing'
import { axiosForFake } from './support/mock-fake'
import { narrowed, withoutTraffic } from './support/narrowed'

const webshareRefreshable = { vendor: { webshare: { proxyCountries: { US: 2 } } } }

runContractSuite('thordata (axios-mock-adapter + fake)', async () => {
  const fake = createThordataFake()
  const baseURL = 'http://thordata.invalid/api'
  const { instance } = axiosForFake(fake, baseURL)
  return { provider: createThordataProvider({ token: fake.token, key: fake.key, baseURL, axios: instance, rateLimit: false }) }
})

runContractSuite('webshare (axios-mock-adapter + fake)', async () => {
  const fake = createWebshareFake()
  const baseURL = 'http://webshare.invalid'
  const { instance } = axiosForFake(fake, baseURL)
  return { provider: createWebshareProvider({ apiKey: fake.apiKey, baseURL, axios: instance, rateLimit: false }), refreshable: webshareRefreshable }
})

// IPRoyal usernames: letters, digits and `_` (no other default needed); limits are allocations, never unlimited.
runContractSuite('iproyal (axios-mock-adapter + fake)', async () => {
  const fake = createIPRoyalFake()
  const baseURL = 'http://iproyal.invalid/v1'
  const { instance } = axiosForFake(fake, baseURL)
  return { provider: createIPRoyalProvider({ apiToken: fake.apiToken, baseURL, axios: instance, rateLimit: false }) }
})

runContractSuite('thordata (sandbox over HTTP)', async () => {
  const sandbox = await startSandbox()
  return { provider: createThordataProvider({ ...sandbox.thordata, rateLimit: false }), cleanup: () => sandbox.close() }
})

runContractSuite('webshare (sandbox over HTTP)', async () => {
  const sandbox = await startSandbox()
  return { provider: createWebshareProvider({ ...sandbox.webshare, rateLimit: false }), refreshable: webshareRefreshable, cleanup: () => sandbox.close() }
})

runContractSuite('iproyal (sandbox over HTTP)', async () => {
  const sandbox = await startSandbox()
  return { provider: createIPRoyalProvider({ ...sandbox.iproyal, rateLimit: false }), cleanup: () => sandbox.close() }
})

// A vendor that keeps no traffic limit and cannot rename: the suite tests only what it promises,
// and that it refuses the rest (Thordata's operations behind narrower capabilities).
runContractSuite('thordata without traffic limits or renames (narrowed capabilities)', async () => {
  const sandbox = await startSandbox()
  const thordata = createThordataProvider({ ...sandbox.thordata, rateLimit: false })
  const caps = withoutTraffic(thordata.capabilities)
  return { provider: narrowed(thordata, { ...caps, update: caps.update.filter((f) => f !== 'username') }), cleanup: () => sandbox.close() }
})
