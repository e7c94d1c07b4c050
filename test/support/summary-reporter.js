/**
 * Ends a jest run with one plain line, `N passed, N failed` (and `, N skipped`),
 * taken from jest's own results, so any CI log reader sees what ran. When the
 * tests against a real Redis (test/redis/) were skipped for want of a Redis
 * URL, one line before it says so.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const redisFiles = results.testResults.filter((r) => /[\\/]test[\\/]redis[\\/]/.test(r.testFilePath))
    if (!process.env.PROXY_SUBUSERS_TEST_REDIS_URL && redisFiles.length > 0) {
      process.stdout.write(`\nRedis tests skipped (${redisFiles.length} files): PROXY_SUBUSERS_TEST_REDIS_URL is not set; .ci/run starts a redis-server and sets it\n`)
    }
    const skipped = results.numPendingTests + results.numTodoTests
    process.stdout.write(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`)
  }
}
module.exports = SummaryReporter
