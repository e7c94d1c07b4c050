/**
 * IPRoyal's traffic unit (vendor sheet §2, §6.5), defined once, and the two conversions every
 * module uses with it.
 */
import { GIB, MIB } from '../../src/adapter'

/**
 * Every traffic amount IPRoyal sends or takes (`traffic`, `traffic_available`, `traffic_used`,
 * `amount`, `/me`'s `available_traffic`) is in GB, read as 2^30 bytes (the unit's base is
 * undocumented; the legacy wrapper counts 1 TB as 1024 GB).
 * @example 2.5 * IPROYAL_TRAFFIC_UNIT // 2684354560
 */
export const IPROYAL_TRAFFIC_UNIT = GIB
/** Limits are accepted in whole MiB (MiB / 1024 is exact in a binary float). @example IPROYAL_LIMIT_STEP === 1_048_576 */
export const IPROYAL_LIMIT_STEP = MIB
/** How far an allocation read back may be from the one expected and still match it (§6.6). @example IPROYAL_ALLOCATION_TOLERANCE_BYTES === 1_048_576 */
export const IPROYAL_ALLOCATION_TOLERANCE_BYTES = MIB

/**
 * A GB amount from the wire in bytes, rounded to the nearest byte (a float from whole MiB rounds back exactly).
 * @example
 * toBytes(0.0009765625) // 1048576
 */
export const toBytes = (gb: number): number => Math.round(gb * IPROYAL_TRAFFIC_UNIT)

/**
 * Bytes as a GB amount for the wire (exact in a binary float for whole MiB).
 * @example
 * toGB(1_048_576) // 0.0009765625
 */
export const toGB = (bytes: number): number => bytes / IPROYAL_TRAFFIC_UNIT
