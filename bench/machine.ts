/**
 * The machine a run happened on, for the README.
 */
import { cpus, totalmem } from 'node:os'

/**
 * CPU model, core count, memory and Node version, in one line.
 * @example
 * machine() // 'AMD EPYC, 2 cores, 8 GB RAM, Node v20.20.2, linux x64'
 */
export const machine = (): string => {
  const cores = cpus()
  return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${process.platform} ${process.arch}`
}
