/**
 * How the CLI's output looks: the format chosen with `-o` (a table for
 * people, JSON or YAML for machines), colour on a terminal (picocolors,
 * off with `NO_COLOR` or `--no-color`), and vendor-supplied text made
 * harmless for a terminal before it is shown to people.
 */
import { createColors } from 'picocolors'
import { stringify } from 'yaml'
import type { CliIO } from './io'

/**
 * A set of colour functions (picocolors'), each the identity when colour is off.
 * @example
 * const paint: Colors = colorsFor(io, 'stdout', true)
 */
export type Colors = ReturnType<typeof createColors>

/**
 * The formats of `-o, --output`. `--json` is `-o json`.
 * @example
 * OUTPUT_FORMATS // ['table', 'json', 'yaml']
 */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const

/**
 * One of {@link OUTPUT_FORMATS}.
 * @example
 * const f: OutputFormat = 'yaml'
 */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/**
 * Whether a format is for machines (JSON or YAML): then stdout holds only that
 * data, progress is not shown, and a failure is a JSON object on stderr.
 * @example
 * isData('yaml') // true
 * isData('table') // false
 */
export const isData = (format: OutputFormat): boolean => format !== 'table'

/**
 * Data as a machine format prints it: pretty JSON, or YAML, with a final newline.
 * @example
 * dataText({ a: 1 }, 'json') // '{\n  "a": 1\n}\n'
 * dataText({ a: 1 }, 'yaml') // 'a: 1\n'
 */
export const dataText = (value: unknown, format: OutputFormat): string =>
  format === 'yaml' ? stringify(value) : `${JSON.stringify(value, null, 2)}\n`

/**
 * Colours that do nothing: the default wherever colour is not wanted.
 * @example
 * PLAIN.green('ok') // 'ok'
 */
export const PLAIN: Colors = createColors(false)

/**
 * The colours for one stream: real ones only when that stream is a terminal,
 * `NO_COLOR` is unset or empty (no-color.org) and `--no-color` was not given.
 * @example
 * const paint = colorsFor(io, 'stdout', options.color !== false)
 * paint.green('+ team-a')
 */
export const colorsFor = (io: Pick<CliIO, 'env' | 'terminal'>, stream: 'stdout' | 'stderr', wanted: boolean): Colors => {
  const noColor = io.env['NO_COLOR']
  const terminal = stream === 'stdout' ? io.terminal?.stdout : io.terminal?.stderr
  return createColors(wanted && terminal === true && (noColor === undefined || noColor === ''))
}

/**
 * Control characters a terminal acts on (C0 but tab, DEL, C1) and the
 * characters that reorder text on screen (bidirectional overrides and isolates).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * A vendor-supplied text made inert for a terminal: every control character
 * (ESC, BEL, CR, LF, C1 such as CSI and OSC, bidi overrides) shown as a
 * visible `\xNN` or `\uNNNN` escape, so a label cannot clear the screen, set the
 * window title or hide text. JSON and YAML output need no such care: they
 * escape on their own.
 * @example
 * escapeControl('team\u001b[2J') // 'team\\x1b[2J'
 */
export const escapeControl = (text: string): string =>
  text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })

/**
 * How one command's output is to look: its format and the colours of stdout.
 * @example
 * const view: View = { format: 'table', paint: PLAIN }
 */
export interface View {
  readonly format: OutputFormat
  readonly paint: Colors
}

/** A table view without colour: the default of the renderers. @example renderUsers(users) // as renderUsers(users, TABLE) */
export const TABLE: View = { format: 'table', paint: PLAIN }
