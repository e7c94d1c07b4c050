/**
 * The Oxylabs fake for the sandbox: `createOxylabsFake`, its options, controls, snapshot type
 * and fake credentials.
 * @example
 * import { createOxylabsFake, OXYLABS_SANDBOX_USERNAME } from './sandbox'
 */
export {
  createOxylabsFake,
  OXYLABS_SANDBOX_PASSWORD,
  OXYLABS_SANDBOX_USERNAME,
  type OxylabsFake,
  type OxylabsFakeControl,
  type OxylabsFakeOptions,
} from './fake'
export type { OxylabsStatsShape } from './stats'
export type { OxylabsFakeSubUser } from './store'
