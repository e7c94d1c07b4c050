/**
 * parseSize: byte counts, binary units in any case (MB/GB read as MiB/GiB),
 * `unlimited`, exact fractions, and plain refusals.
 */
import { parseSize, sizeReadAs } from '../../src/size'

describe('parseSize', () => {
  it.each([
    ['1048576', 1_048_576],
    ['0', 0],
    ['512B', 512],
    ['2KiB', 2048],
    ['2kb', 2048],
    ['500MiB', 524_288_000],
    ['500mib', 524_288_000],
    ['500MB', 524_288_000],
    ['10GiB', 10_737_418_240],
    ['10GB', 10_737_418_240],
    ['10gb', 10_737_418_240],
    ['1.5GiB', 1_610_612_736],
    ['0.5KiB', 512],
    ['1TiB', 1_099_511_627_776],
    ['1TB', 1_099_511_627_776],
    [' 10 GiB ', 10_737_418_240],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toEqual({ ok: true, bytes })
  })

  it.each(['unlimited', 'UNLIMITED', 'Unlimited'])('reads %j as null (unlimited)', (text) => {
    expect(parseSize(text)).toEqual({ ok: true, bytes: null })
  })

  it('refuses a size that is not a whole number of bytes, without rounding, saying what it read', () => {
    expect(parseSize('1.5B')).toEqual({ ok: false, message: 'is 1.5 B: not a whole number of bytes' })
    expect(parseSize('0.1KiB')).toEqual({ ok: false, message: 'is 0.1 KiB: not a whole number of bytes' })
    expect(parseSize('0.1 KB')).toEqual({ ok: false, message: 'is 0.1 KB read as 0.1 KiB (binary, as the vendors count): not a whole number of bytes' })
  })

  it('says a decimal-looking unit is read as binary, as the vendors count', () => {
    expect(sizeReadAs('10 GB')).toBe('10 GB read as 10 GiB (binary, as the vendors count)')
    expect(sizeReadAs('10gb')).toBe('10 gb read as 10 GiB (binary, as the vendors count)')
    expect(sizeReadAs('500MiB')).toBe('500 MiB')
    expect(sizeReadAs('1024')).toBe('1024 B')
  })

  it('refuses negative sizes', () => {
    expect(parseSize('-1')).toEqual({ ok: false, message: 'must not be negative' })
    expect(parseSize('-500MiB')).toEqual({ ok: false, message: 'must not be negative' })
  })

  it.each(['', '   ', 'NaN', 'abc', '10XB', '10 G', '1e6', '1,5GiB', '.5GiB', '5.GiB', 'Infinity', 'MiB', '10GiB extra'])(
    'refuses %j with a plain message that does not repeat it',
    (text) => {
      expect(parseSize(text)).toEqual({ ok: false, message: 'must be a byte count, a size such as 500MiB or 10GiB (KB, MB, GB, TB count in 1024s, as the vendors do), or unlimited' })
    },
  )

  it('refuses sizes beyond what a number holds exactly', () => {
    expect(parseSize('9007199254740992')).toEqual({ ok: false, message: 'is 9007199254740992 B: too large (at most 9007199254740991 bytes)' })
    expect(parseSize('9007199254740991')).toEqual({ ok: true, bytes: Number.MAX_SAFE_INTEGER })
    expect(parseSize('8191TiB')).toEqual({ ok: true, bytes: 8191 * 1024 ** 4 })
    expect(parseSize('8192TiB')).toEqual({ ok: false, message: 'is 8192 TiB: too large (at most 9007199254740991 bytes)' })
  })
})
