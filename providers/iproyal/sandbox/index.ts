/**
 * The IPRoyal fake for the sandbox: `createIPRoyalFake`, its options, controls, snapshot type
 * and fake API token.
 * @example
 * import { createIPRoyalFake, IPROYAL_SANDBOX_API_TOKEN } from './sandbox'
 */
export {
  createIPRoyalFake,
  IPROYAL_SANDBOX_API_TOKEN,
  IPROYAL_SANDBOX_MAIN_BALANCE_BYTES,
  type IPRoyalFake,
  type IPRoyalFakeControl,
  type IPRoyalFakeOptions,
  type IPRoyalFakeSubUser,
} from './fake'
