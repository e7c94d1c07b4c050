/**
 * parseSize: byte counts, binary units in any case (MB/GB read as MiB/GiB),
 * `unlimited`, exact fractions, and plain refusals.
 */
import { parseSize } from '../../src/size'

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

  it('refuses a size that is not a whole number of bytes, without rounding', () => {
    expect(parseSize('1.5B')).toEqual({ ok: false, message: 'must be a whole number of bytes' })
    expect(parseSize('0.1KiB')).toEqual({ ok: false, message: 'must be a whole number of bytes' })
  })

  it('refuses negative sizes', () => {
    expect(parseSize('-1')).toEqual({ ok: false, message: 'must not be negative' })
    expect(parseSize('-500MiB')).toEqual({ ok: false, message: 'must not be negative' })
  })

  it.each(['', '   ', 'NaN', 'abc', '10XB', '10 G', '1e6', '1,5GiB', '.5GiB', '5.GiB', 'Infinity', 'MiB', '10GiB extra'])(
    'refuses %j with a plain message that does not repeat it',
    (text) => {
      expect(parseSize(text)).toEqual({ ok: false, message: 'must be a byte count, a size such as 500MiB or 10GiB, or unlimited' })
    },
  )

  it('refuses sizes beyond what a number holds exactly', () => {
    expect(parseSize('9007199254740992')).toEqual({ ok: false, message: 'is too large' })
    expect(parseSize('9007199254740991')).toEqual({ ok: true, bytes: Number.MAX_SAFE_INTEGER })
    expect(parseSize('8191TiB')).toEqual({ ok: true, bytes: 8191 * 1024 ** 4 })
    expect(parseSize('8192TiB')).toEqual({ ok: false, message: 'is too large' })
  })
})
