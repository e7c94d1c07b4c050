/**
 * The CLI's output helpers on their own: control characters escaped for a
 * terminal, colour only where it belongs, failures as text or JSON, sizes
 * and problems in the user's words.
 */
import { failureJson, failureText, problemsFailure, usageFailure } from '../../cli/failure'
import { table } from '../../cli/format'
import { formatInArgv } from '../../cli/globals'
import { colorsFor, escapeControl } from '../../cli/output'
import { inUserWords, limitReadAs, manifestProblem, SUBUSER_FLAGS } from '../../cli/user-words'

describe('escapeControl', () => {
  it.each<[string, string, string]>([
    ['ESC (CSI: clear the screen)', 'a\u001b[2Jb', 'a\\x1b[2Jb'],
    ['OSC window title ended by BEL', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['C1 CSI', '\u009b31m', '\\x9b31m'],
    ['CR and LF (a line that rewrites another)', 'ok\r\nfake', 'ok\\x0d\\x0afake'],
    ['NUL and DEL', '\u0000\u007f', '\\x00\\x7f'],
    ['bidi override and isolate', 'abc\u202edef\u2066', 'abc\\u202edef\\u2066'],
  ])('escapes %s', (_name, text, shown) => {
    expect(escapeControl(text)).toBe(shown)
  })

  it('leaves printable text, tabs and non-Latin letters alone', () => {
    expect(escapeControl('team-ä 東京\tok')).toBe('team-ä 東京\tok')
  })

  it('keeps table columns aligned on the escaped text', () => {
    expect(table([['ID', 'NAME'], ['1', 'a\u001bb'], ['22', 'c']])).toBe('ID  NAME\n1   a\\x1bb\n22  c\n')
  })
})

describe('colorsFor', () => {
  const io = (env: Record<string, string>, stdout: boolean) => ({ env, terminal: { stdin: false, stderr: false, stdout } })
  it('colours a terminal stream unless NO_COLOR is set (non-empty) or colour is not wanted', () => {
    expect(colorsFor(io({}, true), 'stdout', true).green('x')).toBe('\u001b[32mx\u001b[39m')
    expect(colorsFor(io({ NO_COLOR: '' }, true), 'stdout', true).green('x')).toBe('\u001b[32mx\u001b[39m')
    expect(colorsFor(io({ NO_COLOR: '1' }, true), 'stdout', true).green('x')).toBe('x')
    expect(colorsFor(io({}, true), 'stdout', false).green('x')).toBe('x')
    expect(colorsFor(io({}, false), 'stdout', true).green('x')).toBe('x')
    expect(colorsFor(io({}, true), 'stderr', true).green('x')).toBe('x')
  })
})

describe('failureText', () => {
  it('for people: one reason line, then each problem on its own line with the file name, escaped and redacted', () => {
    const failure = problemsFailure('manifest team.yaml', [
      { path: 'webshare[0].username', message: 'is \u001b[2J' },
      { path: 'thordata[0].password', message: 'holds s3cret-value' },
    ], 'team.yaml')
    expect(failureText(failure, ['s3cret-value'])).toBe(
      'proxy-subusers: manifest team.yaml: 2 problems\n  team.yaml: webshare[0].username is \\x1b[2J\n  team.yaml: thordata[0].password holds [REDACTED]\n',
    )
  })

  it('for machines: one JSON object on one line, secrets redacted, problems and file kept', () => {
    const text = failureText({ ...usageFailure('bad key-abcdef1'), problems: [{ path: 'a', message: 'key-abcdef1' }], file: 'f.yaml' }, ['key-abcdef1'], 'yaml')
    expect(text.split('\n')).toHaveLength(2)
    expect(JSON.parse(text)).toEqual({ error: { kind: 'usage', message: 'bad [REDACTED]', exitCode: 2, file: 'f.yaml', problems: [{ path: 'a', message: '[REDACTED]' }] } })
  })

  it('a vendor code that echoes a secret is redacted too', () => {
    expect(failureJson({ exitCode: 1, kind: 'vendor', message: 'x', vendorCode: 'bad_token_tok-12345' }, ['tok-12345']).error.vendorCode).toBe('bad_token_[REDACTED]')
  })
})

describe('formatInArgv', () => {
  it.each<[string[], string]>([
    [['list'], 'table'],
    [['list', '--json'], 'json'],
    [['list', '-o', 'yaml'], 'yaml'],
    [['list', '-oyaml'], 'yaml'],
    [['list', '--output=json'], 'json'],
    [['list', '--', '--json'], 'table'],
  ])('%j asks for %s', (argv, format) => expect(formatInArgv(argv)).toBe(format))
})

describe("the user's words", () => {
  it('a limit problem names the option and says what was read', () => {
    const failure = inUserWords(
      { exitCode: 2, kind: 'validation', provider: 'webshare', operation: 'create', message: 'x', fields: [{ path: 'trafficLimitBytes', message: 'must be null (unlimited) or a whole number of MiB' }] },
      SUBUSER_FLAGS,
      1024000,
    )
    expect(failure.message).toBe('webshare create: invalid input: --limit is 1000KiB (1024000 bytes): must be unlimited or a whole number of MiB')
  })

  it('a manifest limit problem is told as trafficLimit', () => {
    expect(manifestProblem({ path: '[1].trafficLimitBytes', message: 'must be null (unlimited) or more' }, [{ username: 'a' }, { username: 'b', trafficLimitBytes: 5 }])).toEqual({
      path: '[1].trafficLimit',
      message: 'is 5 bytes: must be unlimited or more',
    })
    expect(limitReadAs(null)).toBe('is unlimited')
  })
})
