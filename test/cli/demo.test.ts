/**
 * The demo's job (examples/demo.ts), run in-process: the same steps on both
 * vendors through one provider-neutral function, and its printed summary.
 */
import { main } from '../../examples/demo'

it('provisions on both vendors, prints every step and a summary, and closes the sandbox', async () => {
  const lines: string[] = []
  const reports = await main((line) => lines.push(line))

  expect(reports).toEqual([
    {
      provider: 'thordata',
      created: ['demo0001', 'demo0002', 'demo0003', 'demo0004'],
      listed: 4,
      updated: { id: 'demo0002', limitBefore: 1_073_741_824, limitAfter: 2_147_483_648, othersKept: true },
      refreshed: 'demo0004',
      deleted: 'demo0001',
      remaining: 3,
    },
    {
      provider: 'webshare',
      created: ['1', '2', '3', '4'],
      listed: 4,
      updated: { id: '2', limitBefore: 1_073_741_824, limitAfter: 2_147_483_648, othersKept: true },
      refreshed: '4',
      deleted: '1',
      remaining: 3,
    },
    {
      // Oxylabs lists its main proxy user (id 1) with the sub-users.
      provider: 'oxylabs',
      created: ['2', '3', '4', '5'],
      listed: 5,
      updated: { id: '3', limitBefore: 1_073_741_824, limitAfter: 2_147_483_648, othersKept: true },
      refreshed: '5',
      deleted: '2',
      remaining: 4,
    },
  ])

  const output = lines.join('\n')
  for (const heading of ['== thordata ==', '== webshare ==', '== oxylabs ==', 'delete 2: 4 sub-users left', 'create: 4 sub-users', 'list: 4 sub-users', 'delete demo0001: 3 sub-users left', 'delete 1: 3 sub-users left']) {
    expect(output).toContain(heading)
  }
  expect(output).toContain('update demo0002: traffic limit only (username and status kept)')
  expect(output).toContain('refresh demo0004: state and usage re-read')
  expect(output).toContain('refresh 4: proxy list renewed')
  expect(output).toContain('plan thordata (examples/manifests/mixed.yaml): create alice001, create scraper01; 3 not in the manifest, kept')
  expect(output).toContain('plan webshare (examples/manifests/mixed.yaml): create team-a, create scrapers; 3 not in the manifest, kept')
  expect(output).toContain('plan oxylabs (examples/manifests/mixed.yaml): nothing to change; 4 not in the manifest, kept')
  expect(output.match(/apply: 2 created, 0 updated, 0 failed; plan again: nothing to change/g)).toHaveLength(2)
  expect(lines[lines.length - 1]).toBe(
    [
      '\nsummary',
      'PROVIDER  CREATED  LISTED  UPDATED (limit)         OTHERS KEPT  REFRESHED  DELETED   REMAINING',
      'thordata  4        4       demo0002: 1GiB -> 2GiB  yes          demo0004   demo0001  3',
      'webshare  4        4       2: 1GiB -> 2GiB         yes          4          1         3',
      'oxylabs   4        5       3: 1GiB -> 2GiB         yes          5          2         4',
    ].join('\n'),
  )
})
