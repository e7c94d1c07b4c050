/**
 * Side-by-side measurement: every round runs each contender once, the order
 * reversed every other round, so a slow spell on a shared machine hits all
 * of them alike.
 */

/**
 * Runs `rounds` rounds of every contender and returns each one's measurements, round by round.
 * @example
 * const { lib, bare } = await interleaved(5, { lib: () => timeLib(), bare: () => timeBare() })
 * median(lib) / median(bare)
 */
export const interleaved = async <K extends string, R>(rounds: number, contenders: Readonly<Record<K, () => Promise<R>>>): Promise<Record<K, R[]>> => {
  const names = Object.keys(contenders) as K[]
  const out = Object.fromEntries(names.map((n) => [n, [] as R[]])) as Record<K, R[]>
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) out[name].push(await contenders[name]())
  }
  return out
}
