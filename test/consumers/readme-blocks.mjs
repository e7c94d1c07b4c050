/**
 * The fenced code blocks of a Markdown file, with the heading each stands under, so tests can
 * type-check and run the README exactly as a reader copies it.
 *
 * @example
 * codeBlocks(readFileSync('README.md', 'utf8')).filter((b) => b.lang === 'ts')
 */
export function codeBlocks(markdown) {
  const blocks = []
  const headings = []
  let open = null
  markdown.split('\n').forEach((line, index) => {
    if (open) {
      if (line.startsWith('```')) {
        blocks.push({ ...open, code: open.lines.join('\n') + '\n' })
        open = null
      } else open.lines.push(line)
      return
    }
    const heading = /^(#{1,6}) (.*)$/.exec(line)
    if (heading) {
      headings.length = heading[1].length - 1
      headings.push(heading[2].trim())
      return
    }
    const fence = /^```(\w*)\s*$/.exec(line)
    if (fence) open = { lang: fence[1], line: index + 1, section: headings.filter(Boolean).join(' > '), lines: [] }
  })
  return blocks
}
