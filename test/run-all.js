#!/usr/bin/env node
/**
 * `npm test`: ONE jest run over every database — the embedded SQLite default
 * and MySQL/MariaDB (TEST_MYSQL_URL, default the local MariaDB) — as jest
 * projects sharing the workers (see jest.config.js): each file that touches
 * data runs once per database, the database-independent files and the unit
 * specs (src/**\/*.spec.ts) run once. Prints the totals on one line at the end:
 * `N passed, N failed`. TEST_DATABASES=sqlite limits the run to one database
 * (e.g. on a laptop without MariaDB). TEST_TITLES_FILE=<path> keeps the list of
 * test titles per project (a database, or `once`) as JSON.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, copyFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const databases = (process.env.TEST_DATABASES || 'sqlite,mysql').split(',').map((s) => s.trim()).filter(Boolean);
for (const database of databases) {
  if (!['sqlite', 'mysql'].includes(database)) {
    console.error(`unknown database "${database}" in TEST_DATABASES`);
    process.exit(2);
  }
}
const extraArgs = process.argv.slice(2);
// Files named on the command line run on their own; the whole suite runs in groups (test/support/groups.js).
const filesNamed = extraArgs.some((arg) => !arg.startsWith('-') && /[/.]/.test(arg));
const outputFile = join(mkdtempSync(join(tmpdir(), 'gateway-tests-')), 'titles.json');

console.log(`\n=== tests on ${databases.join(' and ')} (database-independent files and unit specs once, on ${databases[0]}) ===`);
const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...extraArgs], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test', TEST_DATABASES: databases.join(','), GATEWAY_TEST_TITLES_OUT: outputFile, GATEWAY_TEST_GROUPS: filesNamed ? 'off' : 'on' },
});

let passed = 0;
let failed = 0;
try {
  const { projects } = JSON.parse(readFileSync(outputFile, 'utf8'));
  for (const [name, project] of Object.entries(projects)) {
    passed += project.passed;
    failed += project.failed + project.suitesFailedToRun;
    const skipped = project.pending ? `, ${project.pending} skipped` : '';
    console.log(`${name}: ${project.passed} passed, ${project.failed} failed${skipped}${project.suitesFailedToRun ? `, ${project.suitesFailedToRun} test file(s) failed to run` : ''}`);
  }
  if (process.env.TEST_TITLES_FILE) copyFileSync(outputFile, process.env.TEST_TITLES_FILE);
} catch {
  failed += 1;
  console.error('jest produced no report');
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);
