import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DatabaseConfig, parseDatabaseUrl } from '../../src/platform/config';

/** Which database this jest run targets (set by test/run-all.js). */
export const testDatabaseKind = parseDatabaseUrl(process.env.DATABASE_URL || 'sqlite::memory:').kind;

/**
 * A fresh, empty database for one test file: a temporary SQLite file (so
 * child processes can open it too) or a new MariaDB database.
 */
export async function freshDatabase(label: string): Promise<{ config: DatabaseConfig; url: string }> {
  const suffix = `${createHash('sha1').update(label).digest('hex').slice(0, 8)}_${randomBytes(3).toString('hex')}`;
  if (testDatabaseKind === 'sqlite') {
    const dir = join(tmpdir(), 'gateway-test-db');
    mkdirSync(dir, { recursive: true });
    const url = `sqlite:${join(dir, `${suffix}.sqlite`)}`;
    return { config: parseDatabaseUrl(url), url };
  }
  const base = new URL(process.env.DATABASE_URL!);
  const name = `gw_test_${suffix}`;
  const admin = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  base.pathname = `/${name}`;
  return { config: parseDatabaseUrl(base.toString()), url: base.toString() };
}

/**
 * A fresh database for one test file with every migration applied: a copy of
 * the run's template database (made once per run by
 * test/support/global-setup.js), which costs a file copy on SQLite and one
 * multi-statement round trip on MariaDB instead of running the migrations.
 * Without a template (jest started without its global setup) the database is
 * empty and the caller's `migrate` does the work; a template that could not be
 * made (the database is down) fails the test with the reason.
 */
export async function migratedDatabase(label: string): Promise<{ config: DatabaseConfig; url: string }> {
  const raw = process.env[`GATEWAY_TEST_TEMPLATE_${testDatabaseKind.toUpperCase()}`];
  const template = raw ? (JSON.parse(raw) as { error?: string; file: string }) : null;
  if (template?.error) throw new Error(template.error);
  const fresh = await freshDatabase(label);
  if (!template) return fresh;
  if (fresh.config.kind === 'sqlite') {
    copyFileSync(template.file, fresh.config.path);
    return fresh;
  }
  const { statements } = JSON.parse(readFileSync(template.file, 'utf8')) as { statements: string[] };
  const connection = await createConnection({ uri: fresh.url, multipleStatements: true });
  try {
    await connection.query(statements.join(';\n'));
  } finally {
    await connection.end();
  }
  return fresh;
}

/** Removes a test database: its SQLite file (with its journal files), or its MariaDB database. */
export async function dropDatabase(config: DatabaseConfig): Promise<void> {
  if (config.kind === 'sqlite') {
    if (config.path !== ':memory:') for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${config.path}${suffix}`, { force: true });
    return;
  }
  const url = new URL(config.url);
  const admin = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await admin.query(`DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``);
  await admin.end();
}
