/**
 * The jest environment of every project (jest.config.js): Node's, plus the
 * database of the project (`testEnvironmentOptions.database` and `.databaseUrl`)
 * in the test file's process.env (DATABASE_URL, TEST_DATABASE), which child
 * processes started with `{ ...process.env }` inherit too. Jest gives each test
 * file its own copy of process.env, so SQLite and MariaDB files run side by
 * side in one jest run and share its workers.
 * GATEWAY_TEST_CPU_OUT=<file> appends one JSON line per jest file: its project
 * (TEST_PROJECT: a database, or `once`), wall time and the CPU time its worker
 * spent on it (children not counted), to compare suites on a loaded machine
 * where wall times mislead; a group also writes a line per test file it runs
 * (test/support/groups.js).
 */
const { appendFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

class DatabaseEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const { database, databaseUrl } = config.projectConfig.testEnvironmentOptions;
    const project = config.projectConfig.displayName?.name ?? database;
    Object.assign(this.global.process.env, { NODE_ENV: 'test', TEST_DATABASE: database, TEST_PROJECT: project, DATABASE_URL: databaseUrl });
    this.started = { file: context.testPath, project, cpu: process.cpuUsage(), wall: Date.now() };
  }

  async teardown() {
    await super.teardown();
    if (!process.env.GATEWAY_TEST_CPU_OUT) return;
    const { file, project } = this.started;
    const cpu = process.cpuUsage(this.started.cpu);
    const line = { file, project, cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Date.now() - this.started.wall, worker: process.pid };
    appendFileSync(process.env.GATEWAY_TEST_CPU_OUT, `${JSON.stringify(line)}\n`);
  }
}

module.exports = DatabaseEnvironment;
