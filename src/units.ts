/**
 * Traffic units. The domain counts bytes; vendors count binary KB, MB or GB.
 */
import type { FieldProblem } from './errors'

/** 1 KiB in bytes. @example KIB === 1024 */
export const KIB = 1024
/** 1 MiB in bytes. @example MIB === 1_048_576 */
export const MIB = 1024 * KIB
/** 1 GiB in bytes. @example GIB === 1_073_741_824 */
export const GIB = 1024 * MIB

/**
 * Bytes in `n` MiB.
 * @example
 * mib(500) // 524288000
 */
export const mib = (n: number): number => n * MIB

/**
 * Bytes in `n` GiB.
 * @example
 * gib(10) // 10737418240
 */
export const gib = (n: number): number => n * GIB

/**
 * Formats a byte count for people: `500MiB`, `10GiB`, `1536B`, or `unlimited` for null.
 * @example
 * formatBytes(mib(500)) // '500MiB'
 */
export const formatBytes = (bytes: number | null): string => {
  if (bytes === null) return 'unlimited'
  if (bytes !== 0 && bytes % GIB === 0) return `${bytes / GIB}GiB`
  if (bytes !== 0 && bytes % MIB === 0) return `${bytes / MIB}MiB`
  if (bytes !== 0 && bytes % KIB === 0) return `${bytes / KIB}KiB`
  return `${bytes}B`
}

/**
 * Converts a traffic limit in bytes into vendor units, or explains why the
 * vendor cannot represent it exactly. Nothing is rounded. `step` is the
 * granularity accepted (default: one `unit`), `minBytes` the smallest limit (0 allowed, for
 * a vendor that keeps an empty limit apart from unlimited); `unlimited: false` leaves
 * "null (unlimited)" out of the message, for a vendor that cannot represent it.
 * @example
 * toVendorUnits(mib(500), { unit: MIB, minBytes: mib(100), path: 'trafficLimitBytes' }) // { ok: true, value: 500 }
 * toVendorUnits(0, { unit: GIB, step: MIB, minBytes: 0, unlimited: false, path: 'trafficLimitBytes' }) // { ok: true, value: 0 }
 */
export const toVendorUnits = (
  bytes: unknown,
  rule: { readonly unit: number; readonly step?: number; readonly minBytes: number; readonly path: string; readonly unlimited?: boolean },
): { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: FieldProblem } => {
  const step = rule.step ?? rule.unit
  const least = rule.minBytes === 0 ? ', 0 included' : ` of at least ${formatBytes(rule.minBytes)}`
  const message = `must be ${rule.unlimited === false ? '' : 'null (unlimited) or '}a whole number of ${formatBytes(step).replace(/^1(?=[KMG])/, '')}${least}`
  const ok = typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes >= rule.minBytes && bytes >= 0 && bytes % step === 0
  return ok ? { ok: true, value: bytes / rule.unit } : { ok: false, problem: { path: rule.path, message } }
}
