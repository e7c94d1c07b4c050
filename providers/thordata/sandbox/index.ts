/**
 * The Thordata fake for the sandbox: `createThordataFake`, its options,
 * controls and fake credentials.
 * @example
 * import { createThordataFake, THORDATA_SANDBOX_TOKEN } from './sandbox'
 */
export { isThordataThrottled } from './codes'
export {
  createThordataFake,
  THORDATA_SANDBOX_KEY,
  THORDATA_SANDBOX_TOKEN,
  type ThordataFake,
  type ThordataFakeControl,
  type ThordataFakeOptions,
} from './fake'
export type { ThordataFakeUser } from './store'
