/**
 * A jest reporter for test/run-all.js: writes, per project (a database, or
 * `once`), the counts and the full title of every test case with its status to
 * the file GATEWAY_TEST_TITLES_OUT names. jest's own --json
 * output cannot tell the projects apart (the same file runs on each database).
 */
const { writeFileSync } = require('node:fs');

class TitlesReporter {
  constructor() {
    this.outputFile = process.env.GATEWAY_TEST_TITLES_OUT;
  }

  onRunComplete(contexts, results) {
    const projects = {};
    for (const file of results.testResults) {
      const name = typeof file.displayName === 'object' ? file.displayName?.name : file.displayName || 'default';
      const project = (projects[name] ??= { passed: 0, failed: 0, pending: 0, suitesFailedToRun: 0, titles: [] });
      project.passed += file.numPassingTests;
      project.failed += file.numFailingTests;
      project.pending += file.numPendingTests + (file.numTodoTests || 0);
      if (file.testExecError || (file.failureMessage && file.numFailingTests === 0)) project.suitesFailedToRun += 1;
      const path = file.testFilePath.slice(contexts.values().next().value?.config.rootDir.length + 1);
      for (const test of file.testResults) project.titles.push({ ...fileAndTitle(path, test), status: test.status });
    }
    if (this.outputFile) writeFileSync(this.outputFile, JSON.stringify({ projects, success: results.success }, null, 1));
  }
}

/** A group file's tests sit in a describe named by their own file (test/support/groups.js): they are reported as that file's. */
function fileAndTitle(path, test) {
  const [outer] = test.ancestorTitles;
  if (!path.startsWith('test/groups/') || !outer) return { file: path, title: test.fullName };
  return { file: outer, title: test.fullName.slice(outer.length + 1) };
}

module.exports = TitlesReporter;
