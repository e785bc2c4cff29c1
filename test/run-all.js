#!/usr/bin/env node
/**
 * `npm test`: runs the whole jest suite once per database — the embedded
 * SQLite default and MySQL/MariaDB (TEST_MYSQL_URL, default the local
 * MariaDB) — then prints the totals on one line: `N passed, N failed`.
 * TEST_DATABASES=sqlite limits the run to one database (e.g. on a laptop without MariaDB).
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const databases = (process.env.TEST_DATABASES || 'sqlite,mysql').split(',').map((s) => s.trim()).filter(Boolean);
const urls = {
  sqlite: 'sqlite::memory:',
  mysql: process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test',
};
const extraArgs = process.argv.slice(2);
const outputDir = mkdtempSync(join(tmpdir(), 'gateway-tests-'));
let passed = 0;
let failed = 0;
let ok = true;

for (const database of databases) {
  if (!urls[database]) {
    console.error(`unknown database "${database}" in TEST_DATABASES`);
    process.exit(2);
  }
  console.log(`\n=== tests on ${database} ===`);
  const outputFile = join(outputDir, `${database}.json`);
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--json', `--outputFile=${outputFile}`, ...extraArgs], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: urls[database], TEST_DATABASE: database },
  });
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numRuntimeErrorTestSuites > 0) {
      failed += report.numRuntimeErrorTestSuites;
      console.error(`${report.numRuntimeErrorTestSuites} test suite(s) failed to run on ${database}`);
    }
  } catch {
    failed += 1;
    console.error(`jest produced no report on ${database}`);
  }
  if (result.status !== 0) ok = false;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
