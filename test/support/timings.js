/**
 * GATEWAY_TEST_CPU_OUT=<file>: one JSON line per measured span (a jest file, test/support/environment.js; a test file
 * inside a group, test/support/groups.js) with its wall time and the CPU time its worker spent (children not counted),
 * to compare suites on a loaded machine where wall times mislead, and the input of test/support/test-durations.js.
 */
const { appendFileSync } = require('node:fs');

const startTiming = () => ({ cpu: process.cpuUsage(), wall: Date.now() });

/** Appends the span begun at `started`, with `fields` (file, project, …), when GATEWAY_TEST_CPU_OUT is set. */
function recordTiming(started, fields) {
  if (!process.env.GATEWAY_TEST_CPU_OUT) return;
  const cpu = process.cpuUsage(started.cpu);
  const line = { ...fields, cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Date.now() - started.wall, worker: process.pid };
  appendFileSync(process.env.GATEWAY_TEST_CPU_OUT, `${JSON.stringify(line)}\n`);
}

module.exports = { recordTiming, startTiming };
