/**
 * Thordata's traffic units (vendor sheet §6.6 and §6.7), each defined once.
 */
import { KIB, MIB } from '../../src/adapter'

/** `traffic_limit` and `new_traffic_limit` are in MiB; 0 means unlimited. @example 500 * THORDATA_LIMIT_UNIT */
export const THORDATA_LIMIT_UNIT = MIB
/** `usage_traffic` and every usage-statistics field are in KiB. @example 20480 * THORDATA_USAGE_UNIT */
export const THORDATA_USAGE_UNIT = KIB
/** The smallest limit Thordata accepts, in bytes (100 MiB). @example THORDATA_MIN_LIMIT_BYTES === 104_857_600 */
export const THORDATA_MIN_LIMIT_BYTES = 100 * MIB
