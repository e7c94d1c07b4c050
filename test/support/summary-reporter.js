/**
 * Ends a jest run with one plain line, `N passed, N failed` (and `, N skipped`),
 * taken from jest's own results, so any CI log reader sees what ran.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    process.stdout.write(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`)
  }
}
module.exports = SummaryReporter
