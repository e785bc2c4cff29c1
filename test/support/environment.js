/**
 * The jest environment of every project (jest.config.js): Node's, plus the
 * database of the project (`testEnvironmentOptions.database` and `.databaseUrl`)
 * in the test file's process.env (DATABASE_URL, TEST_DATABASE), which child
 * processes started with `{ ...process.env }` inherit too. Jest gives each test
 * file its own copy of process.env, so SQLite and MariaDB files run side by
 * side in one jest run and share its workers.
 */
const { TestEnvironment } = require('jest-environment-node');

class DatabaseEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const { database, databaseUrl } = config.projectConfig.testEnvironmentOptions;
    Object.assign(this.global.process.env, { NODE_ENV: 'test', TEST_DATABASE: database, DATABASE_URL: databaseUrl });
  }
}

module.exports = DatabaseEnvironment;
