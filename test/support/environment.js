/**
 * The jest environment of every project (jest.config.js): Node's, plus the
 * database of the project (`testEnvironmentOptions.database` and `.databaseUrl`)
 * in the test file's process.env (DATABASE_URL, TEST_DATABASE), which child
 * processes started with `{ ...process.env }` inherit too. Jest gives each test
 * file its own copy of process.env, so SQLite and MariaDB files run side by
 * side in one jest run and share its workers.
 * GATEWAY_TEST_CPU_OUT=<file> records each jest file's wall and CPU time with
 * its project (TEST_PROJECT: a database, or `once`): test/support/timings.js.
 */
const { TestEnvironment } = require('jest-environment-node');
const { recordTiming, startTiming } = require('./timings.js');

class DatabaseEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const { database, databaseUrl } = config.projectConfig.testEnvironmentOptions;
    const project = config.projectConfig.displayName?.name ?? database;
    Object.assign(this.global.process.env, { NODE_ENV: 'test', TEST_DATABASE: database, TEST_PROJECT: project, DATABASE_URL: databaseUrl });
    this.measured = { file: context.testPath, project };
    this.started = startTiming();
  }

  async teardown() {
    await super.teardown();
    recordTiming(this.started, this.measured);
  }
}

module.exports = DatabaseEnvironment;
