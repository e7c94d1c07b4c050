/**
 * The Webshare fake for the sandbox: `createWebshareFake`, its options,
 * controls, snapshot type and fake API key.
 * @example
 * import { createWebshareFake, WEBSHARE_SANDBOX_API_KEY } from './sandbox'
 */
export {
  createWebshareFake,
  WEBSHARE_SANDBOX_API_KEY,
  type WebshareFake,
  type WebshareFakeControl,
  type WebshareFakeOptions,
} from './fake'
export type { WebshareFakeSubUser } from './representation'
