/**
 * IPRoyal as a vendor module: what the CLI, the sandbox and manifests know of it.
 */
import * as t from 'io-ts'
import { defineVendor } from '../../src/adapter'
import { iproyalCapabilities } from './capabilities'
import type { IPRoyalCreateOptions } from './domain'
import { IPROYAL_DEFAULT_BASE_URL, createIPRoyalProvider, type IPRoyalOptions } from './provider'
import { createIPRoyalFake, type IPRoyalFakeControl, type IPRoyalFakeOptions } from './sandbox'

const LimitValue = t.union([t.number, t.null])

/**
 * IPRoyal's settings as a manifest writes them (`vendor.iproyal`): `limits`, IPRoyal's raw
 * object (unit undocumented, sent as written).
 * @example
 * IPRoyalManifestSettings.decode({ limits: { daily_limit: 5000 } })
 */
export const IPRoyalManifestSettings: t.Type<IPRoyalCreateOptions, object, unknown> = t.exact(
  t.partial(
    {
      limits: t.exact(t.partial({ daily_limit: LimitValue, monthly_limit: LimitValue, lifetime_limit: LimitValue }, 'a mapping of daily_limit, monthly_limit and lifetime_limit')),
    },
    'a mapping of IPRoyal settings',
  ),
)

/** What `sandbox.iproyal` holds: the provider options that reach the fake, and its controls. */
export interface IPRoyalSandboxFields {
  readonly baseURL: string
  readonly apiToken: string
  readonly control: IPRoyalFakeControl
}

/**
 * IPRoyal's vendor module.
 * @example
 * iproyalVendor.environment.map((v) => v.name) // ['IPROYAL_API_TOKEN', 'IPROYAL_BASE_URL']
 */
export const iproyalVendor = defineVendor<'iproyal', IPRoyalOptions, IPRoyalFakeOptions, IPRoyalSandboxFields, IPRoyalCreateOptions>({
  id: 'iproyal',
  title: 'IPRoyal',
  capabilities: iproyalCapabilities,
  environment: [
    { name: 'IPROYAL_API_TOKEN', option: 'apiToken', required: true, secret: true, description: 'the API token (dashboard: Settings, API)' },
    { name: 'IPROYAL_BASE_URL', option: 'baseURL', description: `the API base (default ${IPROYAL_DEFAULT_BASE_URL})` },
  ],
  flags: { provider: [], settings: [] },
  settings: { keys: ['limits'], codec: IPRoyalManifestSettings },
  provider: createIPRoyalProvider,
  sandbox: (options) => {
    const fake = createIPRoyalFake(options)
    return {
      mount: { mount: '/iproyal/v1', fake },
      fields: (baseURL) => ({ baseURL, apiToken: fake.apiToken, control: fake.control }),
    }
  },
})
