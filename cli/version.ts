/**
 * The package's version, read from package.json (bundled into the
 * executable at build time), on its own so that `--version` loads nothing else.
 */
import { version } from '../package.json'

/**
 * The version `proxy-subusers --version` prints.
 * @example
 * VERSION // '0.1.0'
 */
export const VERSION: string = version
