/**
 * How the CLI names a vendor's own flag (see `CliFlag` in src/vendor.ts): by the flag as typed,
 * and by the key commander gives its value.
 */
import type { CliFlag } from '../src/vendor'

/**
 * The flag as a user types it.
 * @example
 * flagName({ flags: '--max-threads <n>', ... }) // '--max-threads'
 */
export const flagName = (flag: CliFlag): string => flag.flags.split(' ')[0] ?? flag.flags

/**
 * The flag's key in commander's values.
 * @example
 * flagAttribute({ flags: '--proxy-type <type>', ... }) // 'proxyType'
 */
export const flagAttribute = (flag: CliFlag): string =>
  (/--([a-z0-9-]+)/.exec(flag.flags)?.[1] ?? flag.key).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
