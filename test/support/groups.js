/**
 * `npm test` runs the test files in a few groups per jest project instead of
 * one jest file each: jest gives every file a fresh module registry, so each
 * file used to load the whole application (TypeORM, Apollo, type-graphql, the
 * modules) and build its first schema again, about 2 s of CPU per file and
 * database, a third of the suite's CPU. A group is one jest file
 * (test/groups/<kind>-<n>.test.js) that requires its share of the test files,
 * each inside a describe titled with the file's path, so that each file's
 * beforeAll/afterAll hooks keep their file's scope (its gateways start and stop
 * as before) while the registry is loaded once per group. The titles reporter
 * strips that describe again: a test's file and title read as they would alone
 * (test/support/titles-reporter.js).
 *
 * Files are spread over a project's groups by their measured wall time in that
 * project (test/support/test-durations.json, written by
 * `node test/support/test-durations.js <GATEWAY_TEST_CPU_OUT file>`; a new file
 * counts as DEFAULT_SECONDS), longest first onto the least loaded group, and
 * test/support/sequencer.js starts the longest groups first, so that the
 * groups end together. A file named on the command line (`npm test --
 * test/x.test.ts`) runs on its own as before: test/run-all.js turns the groups
 * off (GATEWAY_TEST_GROUPS=off).
 */
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { basename, join, relative, resolve } = require('node:path');
const { recordTiming, startTiming } = require('./timings.js');

const root = join(__dirname, '..', '..');
const DEFAULT_SECONDS = 5;
/**
 * The test files whose outcome does not depend on the database: they run once (jest project `once`), on the first
 * database of the run. A new file that stores or reads data belongs to the per-database projects (the default); add it
 * here only when no assertion depends on the database.
 */
const DATABASE_INDEPENDENT = [
  'typecheck', 'production-build', 'codegen', 'schema', 'business-days', 'ide', 'auth-keys', 'persisted-operations', 'limits',
  'multipart-scanner', 'cnpj-check-digits', 'error-docs', 'lint-boundaries', 'test-groups', 'process-startup',
];
/** Groups per project kind: enough for jest's workers to balance the run, few enough that each loads the app once. */
const GROUP_COUNT = { database: 6, once: 2 };

/** The test files of a project kind: `database` (every file touching data) or `once` (the database-independent list). */
function filesOf(kind) {
  const isIndependent = (name) => DATABASE_INDEPENDENT.includes(name.replace(/\.test\.ts$/, ''));
  return readdirSync(join(root, 'test'))
    .filter((name) => name.endsWith('.test.ts') && (kind === 'once') === isIndependent(name))
    .sort()
    .map((name) => `test/${name}`);
}

const durationsFile = join(__dirname, 'test-durations.json');
const durations = existsSync(durationsFile) ? JSON.parse(readFileSync(durationsFile, 'utf8')) : {};

/** The measured seconds of a test file (a path from the root, or absolute) in a jest project (sqlite, mysql, once). */
function weightOf(file, project) {
  const path = relative(root, resolve(root, file));
  return durations[project]?.[path] ?? DEFAULT_SECONDS;
}

/** Longest processing time first: each file onto the group with the least time so far. */
function partition(files, count, weight) {
  const groups = Array.from({ length: count }, () => ({ files: [], seconds: 0 }));
  for (const file of [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = groups.reduce((best, group) => (group.seconds < best.seconds ? group : best));
    lightest.files.push(file);
    lightest.seconds += weight(file);
  }
  return groups.map((group) => group.files.sort());
}

/** The group files jest runs for a kind (test/groups/<kind>-<n>.test.js). */
function groupFileNames(kind) {
  return Array.from({ length: GROUP_COUNT[kind] }, (_, index) => `test/groups/${kind}-${index + 1}.test.js`);
}

/** The files a group file runs in a project (sqlite, mysql, once), or undefined for a file that is no group. */
function filesOfGroup(groupFile, project) {
  const match = /^(database|once)-(\d+)\.test\.js$/.exec(basename(groupFile));
  if (!match) return undefined;
  const [, kind, number] = match;
  return partition(filesOf(kind), GROUP_COUNT[kind], (file) => weightOf(file, project))[Number(number) - 1] ?? [];
}

/**
 * Called by a group file: declares its test files, each in a describe named by its path, each timed
 * (test/support/timings.js: the input of test/support/test-durations.js).
 */
function runGroup(groupFile) {
  const project = process.env.TEST_PROJECT;
  const files = filesOfGroup(groupFile, project);
  if (!files) throw new Error(`${groupFile} is not a group file (test/groups/<database|once>-<n>.test.js)`);
  // type-graphql orders the schema's root fields as their resolvers were first loaded: the schema loads first, as in
  // `npm run schema:emit`, whatever the group's first file imports (test/schema.test.ts compares the emitted SDL).
  require(join(root, 'src', 'schema'));
  for (const file of files) {
    describe(file, () => {
      let started;
      beforeAll(() => {
        started = startTiming();
      });
      require(join(root, file));
      afterAll(() => recordTiming(started, { file: join(root, file), project, group: basename(groupFile) }));
    });
  }
}

module.exports = { DATABASE_INDEPENDENT, filesOf, filesOfGroup, groupFileNames, runGroup, weightOf };
