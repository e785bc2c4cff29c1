#!/usr/bin/env node
/**
 * Writes test/support/test-durations.json, the weights test/support/groups.js spreads the test files by, from the
 * lines a full run appended to GATEWAY_TEST_CPU_OUT:
 *   GATEWAY_TEST_CPU_OUT=/tmp/times.jsonl npm test && node test/support/test-durations.js /tmp/times.jsonl
 * Per jest project (sqlite, mysql, once): each test file's wall seconds, as it ran inside its group.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const input = process.argv[2];
if (!input) {
  console.error('usage: node test/support/test-durations.js <GATEWAY_TEST_CPU_OUT file>');
  process.exit(2);
}
const projects = {};
for (const line of readFileSync(input, 'utf8').split('\n').filter(Boolean)) {
  const { file, project, wallMs } = JSON.parse(line);
  // By its path under test/ (the run may have been in another checkout, e.g. CI's fresh clone).
  const path = /(?:^|\/)(test\/[^/]+\.test\.ts)$/.exec(file)?.[1];
  if (!project || !path) continue; // the group files' own lines, the unit specs
  (projects[project] ??= {})[path] = Math.round(wallMs / 100) / 10;
}
const sorted = Object.fromEntries(Object.entries(projects).sort().map(([name, files]) => [name, Object.fromEntries(Object.entries(files).sort())]));
writeFileSync(join(__dirname, 'test-durations.json'), `${JSON.stringify(sorted, null, 1)}\n`);
console.log(Object.entries(sorted).map(([name, files]) => `${name}: ${Object.keys(files).length} files`).join(', '));
