import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DatabaseConfig, parseDatabaseUrl } from '../../src/config';

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
  const admin = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  base.pathname = `/${name}`;
  return { config: parseDatabaseUrl(base.toString()), url: base.toString() };
}

export async function dropDatabase(config: DatabaseConfig): Promise<void> {
  if (config.kind !== 'mysql') return;
  const url = new URL(config.url);
  const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  await admin.query(`DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``);
  await admin.end();
}
