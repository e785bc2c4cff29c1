/**
 * Jest global setup, run once per project (jest.config.js) in the main jest
 * process before any worker starts:
 * - compiles the project once for the child processes and records the code
 *   cache of their entry points (test/support/compile.js, code-cache.js);
 * - migrates ONE template database per database kind (a SQLite file, a MariaDB
 *   database), which test/support/database.ts `migratedDatabase` copies for
 *   every test gateway instead of running the migrations again.
 * The template's location reaches the workers through process.env
 * (GATEWAY_TEST_TEMPLATE_SQLITE / _MYSQL). When the database cannot be reached
 * the setup records the error there instead of throwing, so that every test
 * on that database fails loudly with it while the other database's results stay.
 */
const { execFile } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { promisify } = require('node:util');
const { compileForTests, prepareCodeCache, buildDir } = require('./compile.js');

const templateVariable = (database) => `GATEWAY_TEST_TEMPLATE_${database.toUpperCase()}`;

async function migrateTemplate(databaseUrl) {
  // The compiled `npm run migrate` (scripts/migrate.ts): the same migrations as every gateway runs.
  await promisify(execFile)(process.execPath, [join(buildDir, 'scripts', 'migrate.js')], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl },
    timeout: 120_000,
  });
}

async function mysqlAdmin(databaseUrl) {
  const { createConnection } = require('mysql2/promise');
  const base = new URL(databaseUrl);
  return createConnection({
    host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password), multipleStatements: true,
  });
}

/** Migrates a template MariaDB database and writes the statements that copy it (its tables as SHOW CREATE TABLE gives them, then its rows). */
async function mysqlTemplate(databaseUrl, runId) {
  const name = `gw_test_template_${runId}`;
  const admin = await mysqlAdmin(databaseUrl);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    await migrateTemplate(url.toString());
    const [tables] = await admin.query(
      "SELECT table_name AS name, table_rows AS estimate FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name", [name]);
    const statements = ['SET FOREIGN_KEY_CHECKS = 0'];
    const copies = [];
    for (const { name: table } of tables) {
      const [[created]] = await admin.query(`SHOW CREATE TABLE \`${name}\`.\`${table}\``);
      statements.push(created['Create Table']);
      const [[{ n }]] = await admin.query(`SELECT COUNT(*) AS n FROM \`${name}\`.\`${table}\``);
      if (Number(n) > 0) copies.push(`INSERT INTO \`${table}\` SELECT * FROM \`${name}\`.\`${table}\``);
    }
    return { name, statements: [...statements, ...copies, 'SET FOREIGN_KEY_CHECKS = 1'] };
  } finally {
    await admin.end();
  }
}

/** Makes the template of one database and records it (or the reason it could not be made) in process.env. */
async function makeTemplate(database, databaseUrl) {
  const variable = templateVariable(database);
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const started = Date.now();
  try {
    if (database === 'sqlite') {
      const dir = join(tmpdir(), 'gateway-test-db');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `template_${runId}.sqlite`);
      await migrateTemplate(`sqlite:${file}`);
      if (existsSync(`${file}-wal`)) throw new Error(`${file}-wal remained after the migrations: the template is not self-contained`);
      process.env[variable] = JSON.stringify({ file });
    } else {
      const template = await mysqlTemplate(databaseUrl, runId);
      const file = join(tmpdir(), `gateway-test-template-${runId}.json`);
      writeFileSync(file, JSON.stringify(template));
      process.env[variable] = JSON.stringify({ file, name: template.name, databaseUrl });
    }
  } catch (error) {
    const reason = `${error.message}${error.stderr ? `\n${error.stderr}` : ''}`;
    process.env[variable] = JSON.stringify({ error: `the ${database} template database could not be made (${databaseUrl}): ${reason}` });
  }
  if (process.env.GATEWAY_TEST_VERBOSE) console.log(`\n${database} template database ready in ${Date.now() - started} ms`);
}

module.exports = async function globalSetup(globalConfig, projectConfig) {
  let codeCache;
  if (!process.env.GATEWAY_TEST_BUILD) {
    compileForTests();
    process.env.GATEWAY_TEST_BUILD = buildDir;
    codeCache = prepareCodeCache().then((caches) => (process.env.GATEWAY_CODE_CACHES = JSON.stringify(caches)));
  }
  // jest runs the projects' global setups one after the other before any test starts: the first one migrates the
  // templates of every project's database at the same time (SQLite's and MariaDB's migrations overlap), the others
  // find them made.
  const wanted = new Map();
  const selected = (project) => !globalConfig.selectProjects || globalConfig.selectProjects.includes(project.displayName);
  for (const project of [projectConfig, ...projectsOfThisRun().filter(selected)]) {
    const { database, databaseUrl } = project.testEnvironmentOptions ?? {};
    if (database && !process.env[templateVariable(database)] && !wanted.has(database)) wanted.set(database, databaseUrl);
  }
  await Promise.all([codeCache, ...[...wanted].map(([kind, url]) => makeTemplate(kind, url))]);
};

/** The jest projects of this run as jest.config.js declares them (the same environment variables select the databases). */
function projectsOfThisRun() {
  try {
    return require('../../jest.config.js').projects ?? [];
  } catch {
    return [];
  }
}

module.exports.templateVariable = templateVariable;
module.exports.mysqlAdmin = mysqlAdmin;

/** Global teardown: drops the templates this run made. */
module.exports.teardown = async function globalTeardown() {
  for (const database of ['sqlite', 'mysql']) {
    const raw = process.env[templateVariable(database)];
    if (!raw) continue;
    delete process.env[templateVariable(database)];
    const template = JSON.parse(raw);
    if (template.error) continue;
    rmSync(template.file, { force: true });
    if (template.name) {
      const admin = await mysqlAdmin(template.databaseUrl);
      await admin.query(`DROP DATABASE IF EXISTS \`${template.name}\``).finally(() => admin.end());
    }
  }
};
