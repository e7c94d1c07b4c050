/**
 * Oxylabs as a vendor module: what the CLI, the sandbox and manifests know of it.
 */
import * as t from 'io-ts'
import { booleanFlag, defineVendor } from '../../src/adapter'
import { oxylabsCapabilities } from './capabilities'
import type { OxylabsCreateOptions } from './domain'
import { OXYLABS_DEFAULT_BASE_URL, createOxylabsProvider, type OxylabsOptions } from './provider'
import { createOxylabsFake, type OxylabsFakeControl, type OxylabsFakeOptions } from './sandbox'

/**
 * Oxylabs' settings as a manifest writes them (`vendor.oxylabs`).
 * @example
 * OxylabsManifestSettings.decode({ autoDisable: true, lifetime: false })
 */
export const OxylabsManifestSettings: t.Type<OxylabsCreateOptions, object, unknown> = t.exact(
  t.partial({ autoDisable: t.boolean, lifetime: t.boolean }, 'a mapping of Oxylabs settings'),
)

/** What `sandbox.oxylabs` holds: the provider options that reach the fake, and its controls. */
export interface OxylabsSandboxFields {
  readonly baseURL: string
  readonly username: string
  readonly password: string
  readonly control: OxylabsFakeControl
}

/**
 * Oxylabs' vendor module.
 * @example
 * oxylabsVendor.environment.map((v) => v.name) // ['OXYLABS_USERNAME', 'OXYLABS_PASSWORD', 'OXYLABS_BASE_URL']
 */
export const oxylabsVendor = defineVendor<'oxylabs', OxylabsOptions, OxylabsFakeOptions, OxylabsSandboxFields, OxylabsCreateOptions>({
  id: 'oxylabs',
  title: 'Oxylabs',
  capabilities: oxylabsCapabilities,
  environment: [
    { name: 'OXYLABS_USERNAME', option: 'username', required: true, description: 'the main proxy user (not the dashboard e-mail)' },
    { name: 'OXYLABS_PASSWORD', option: 'password', required: true, secret: true, description: 'the main proxy user’s password' },
    { name: 'OXYLABS_BASE_URL', option: 'baseURL', description: `the API base (default ${OXYLABS_DEFAULT_BASE_URL})` },
  ],
  flags: {
    provider: [],
    settings: [
      { flags: '--auto-disable <on|off>', description: 'disable the sub-user when it reaches its traffic limit', key: 'autoDisable', parse: booleanFlag },
      { flags: '--lifetime <on|off>', description: 'unlimited subscription period, without recurring traffic resets', key: 'lifetime', parse: booleanFlag },
    ],
  },
  settings: { keys: ['autoDisable', 'lifetime'], codec: OxylabsManifestSettings },
  provider: createOxylabsProvider,
  sandbox: (options) => {
    const fake = createOxylabsFake(options)
    return {
      mount: { mount: '/oxylabs', fake },
      fields: (baseURL) => ({ baseURL: `${baseURL}/v2`, username: fake.username, password: fake.password, control: fake.control }),
    }
  },
})
