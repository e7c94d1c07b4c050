/**
 * Webshare's traffic unit (vendor sheet §6.11), defined once.
 */
import { GIB, MIB } from '../../src/adapter'

/** `proxy_limit` is in GiB (a float); 0 means unlimited. @example 2.5 * WEBSHARE_LIMIT_UNIT */
export const WEBSHARE_LIMIT_UNIT = GIB
/** Limits are accepted in whole MiB (MiB / 1024 is exact in a binary float). @example WEBSHARE_LIMIT_STEP === 1_048_576 */
export const WEBSHARE_LIMIT_STEP = MIB
