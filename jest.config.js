/**
 * One jest run covers every database (test/run-all.js starts it; `npm test`):
 * - one project per database of TEST_DATABASES (default `sqlite,mysql`; without
 *   it, the database of DATABASE_URL, else SQLite) runs every test file that
 *   touches data, with DATABASE_URL and TEST_DATABASE set for it
 *   (test/support/environment.js); the projects share jest's workers, so the
 *   SQLite and MariaDB files run side by side;
 * - the project `once` runs, on the first of those databases, the unit specs
 *   beside the code (src/**\/*.spec.ts) and the test files whose outcome does not
 *   depend on the database (DATABASE_INDEPENDENT, test/support/groups.js): type check, builds,
 *   generated files, browser IDE, key loading, operation admission.
 * test/support/global-setup.js compiles the project once for child processes
 * and migrates one template database per database (see test/support/database.ts).
 * A new test file that stores or reads data belongs to the per-database
 * projects (the default); add it to DATABASE_INDEPENDENT only when no assertion
 * depends on the database.
 */
const { filesOf, groupFileNames } = require('./test/support/groups.js');
const { swcOptions } = require('./test/support/swc.js');
// `npm test` (test/run-all.js) runs the files in groups, each loading the application once (test/support/groups.js);
// jest started directly, or with files named, runs each file on its own.
const grouped = process.env.GATEWAY_TEST_GROUPS === 'on';
/** The jest files of a project kind (`database` or `once`): its groups, or its test files one by one. */
const jestFilesOf = (kind) => (grouped ? groupFileNames(kind) : filesOf(kind)).map((file) => `<rootDir>/${file}`);

const URLS = {
  sqlite: 'sqlite::memory:',
  mysql: process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/test',
};
const fromUrl = (url) => (/^(mysql|mariadb):/.test(url || '') ? 'mysql' : 'sqlite');
const databases = process.env.TEST_DATABASES
  ? process.env.TEST_DATABASES.split(',').map((s) => s.trim()).filter(Boolean)
  : [fromUrl(process.env.DATABASE_URL)];
for (const database of databases) if (!URLS[database]) throw new Error(`unknown database "${database}" in TEST_DATABASES (sqlite, mysql)`);
const urlOf = (database) => (!process.env.TEST_DATABASES && process.env.DATABASE_URL) || URLS[database];

const common = {
  // Test files run in the jest worker's own realm, not in a vm context (test/support/environment.js, runtime.js).
  testEnvironment: '<rootDir>/test/support/environment.js',
  runtime: '<rootDir>/test/support/runtime.js',
  // SWC, as the child processes' build (test/support/swc.js); inline source maps for the stack traces of failures.
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, sourceMaps: 'inline' }] },
  setupFiles: ['<rootDir>/test/support/graphql-production-path.js'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};

module.exports = {
  testTimeout: 60_000,
  // Two workers more than the 2 cores CI has: a test file spends most of its time waiting (child processes starting,
  // MariaDB, evaluation delays), which the other files fill. Whole `npm test` runs on 2026-12-07, interleaved, the same
  // CPU time (about 255 s): 3 workers 161–192 s, 4 workers 154–158 s. (With the suite's CPU at 330 s, on 2026-12-06,
  // 4 workers were slower than 3: the cores were full.) `npm test -- -w N` overrides it.
  maxWorkers: 4,
  // Always workers: jest runs up to 20 test files in its own process when the timings it remembers are all short (the
  // unit specs), which would leave the groups of test/support/groups.js one after another on one core. A limit on
  // a worker's idle memory is what turns that shortcut off; a worker above it after a file is restarted.
  workerIdleMemoryLimit: '3GB',
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // test/run-all.js reads the counts and titles per project from this reporter's file.
  reporters: process.env.GATEWAY_TEST_TITLES_OUT ? ['default', '<rootDir>/test/support/titles-reporter.js'] : ['default'],
  projects: [
    ...databases.map((database) => ({
      ...common,
      displayName: database,
      roots: ['<rootDir>/test'],
      testMatch: jestFilesOf('database'),
      testEnvironmentOptions: { database, databaseUrl: urlOf(database) },
    })),
    {
      ...common,
      displayName: 'once',
      roots: ['<rootDir>/test', '<rootDir>/src'],
      testMatch: [...jestFilesOf('once'), '<rootDir>/src/**/*.spec.ts'],
      testEnvironmentOptions: { database: databases[0], databaseUrl: urlOf(databases[0]) },
    },
  ],
};
