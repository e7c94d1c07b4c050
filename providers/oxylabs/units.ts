/**
 * Oxylabs' traffic unit (vendor sheet §2, §6.5), defined once.
 */
import { GIB, MIB } from '../../src/adapter'

/**
 * `traffic`, `traffic_limit` and every stats figure are GB as a double; read as binary GB
 * (2^30 bytes), as the other vendors' GB are (the vendor does not say which).
 * @example 2.5 * OXYLABS_TRAFFIC_UNIT // 2684354560
 */
export const OXYLABS_TRAFFIC_UNIT = GIB
/** Limits are accepted in whole MiB (MiB / 1024 is exact in a binary double), 0 included. @example OXYLABS_LIMIT_STEP === 1_048_576 */
export const OXYLABS_LIMIT_STEP = MIB
