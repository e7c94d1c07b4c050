/**
 * The DeviceHive adapter, as a third-party package would publish it: the provider, its types,
 * its capabilities and error table, and its sandbox fake.
 *
 * @example
 * import { createDeviceHiveProvider } from './examples/devicehive'
 * const dh = createDeviceHiveProvider({ baseURL: 'https://devicehive.example/api/rest', login: 'admin', password: process.env.DH_PASSWORD! })
 */
export { DEVICEHIVE_DEFAULT_PAGE_SIZE, DEVICEHIVE_DEFAULT_RATE_LIMIT, createDeviceHiveProvider, type DeviceHiveOptions } from './provider'
export { deviceHiveCapabilities } from './capabilities'
export { DEVICEHIVE_ERROR_TABLE, type DeviceHiveErrorRule } from './errors'
export type { DeviceHiveCreateOptions, DeviceHiveExtras, DeviceHiveId, DeviceHiveProvider, DeviceHiveRole, DeviceHiveSettings, DeviceHiveSubUser, Json } from './domain'
export {
  DEVICEHIVE_SANDBOX_LOGIN,
  DEVICEHIVE_SANDBOX_PASSWORD,
  createDeviceHiveFake,
  deviceHiveMount,
  type DeviceHiveFake,
  type DeviceHiveFakeControl,
  type DeviceHiveFakeOptions,
  type DeviceHiveFakeUser,
} from './fake'
