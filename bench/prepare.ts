/**
 * Child process of `npm run bench`: (re)creates the benchmark database named by
 * DATABASE_URL, migrates it and seeds it with synthetic customers, then writes
 * what the load generator needs (CPFs, id range, timings) as JSON to --out.
 * A separate process because the SQL dialect of the entities is fixed by
 * DATABASE_URL when they are first imported (src/platform/data/dialect.ts).
 */
import 'reflect-metadata';
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../src/platform/config';
import { openDataSource } from '../src/data-source';
import { migrate } from '../src/platform/data/migrate';
import { seedCustomers } from '../src/modules/demo/generator';
import { PersonalCustomer } from '../src/modules/customers/personal/personal.entities';
import { SEED, storeFingerprintSql } from './lib/datasets';

export interface PreparedData {
  database: 'sqlite' | 'mysql';
  url: string;
  personal: number;
  business: number;
  rows: number;
  migrateSeconds: number;
  seedSeconds: number;
  cpfs: string[];
  minId: number;
  maxId: number;
  serverVersion: string;
}

async function recreate(url: string, kind: 'sqlite' | 'mysql', path: string) {
  if (kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
    return;
  }
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  parsed.pathname = '/';
  const connection = await createConnection(parsed.toString());
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: { personal: { type: 'string' }, business: { type: 'string' }, out: { type: 'string' }, fingerprint: { type: 'string' } },
  });
  const personal = Number(values.personal ?? 1000);
  const business = Number(values.business ?? 0);
  // Only the database is configured here (the rest of the gateway's configuration, checked for production, is not needed).
  const db = parseDatabaseUrl(process.env.DATABASE_URL!);
  await recreate(db.kind === 'mysql' ? db.url : '', db.kind, db.kind === 'sqlite' ? db.path : '');

  let started = performance.now();
  const dataSource = await openDataSource(db);
  try {
    await migrate(dataSource);
    const migrateSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    let lastReport = 0;
    const result = await seedCustomers(dataSource, {
      personal,
      business,
      seed: SEED,
      batchSize: 1000,
      onProgress: (progress) => {
        const now = performance.now();
        if (now - lastReport < 5000) return;
        lastReport = now;
        const done = progress.personal + progress.business;
        process.stdout.write(
          `  seeding ${db.kind}: ${done}/${personal + business} customers, ${progress.rows} rows, ${((now - started) / 1000).toFixed(0)} s\n`,
        );
      },
    });
    const seedSeconds = (performance.now() - started) / 1000;
    const rows = await dataSource.getRepository(PersonalCustomer).createQueryBuilder('c').select(['c.id', 'c.cpfNumber']).orderBy('c.id', 'ASC').getMany();
    const version =
      db.kind === 'sqlite'
        ? `SQLite ${(await dataSource.query('SELECT sqlite_version() AS v'))[0].v} (better-sqlite3)`
        : (await dataSource.query('SELECT VERSION() AS v'))[0].v;
    const prepared: PreparedData = {
      database: db.kind,
      url: db.kind === 'sqlite' ? `sqlite:${db.path}` : db.url,
      personal: result.personal,
      business: result.business,
      rows: result.rows,
      migrateSeconds,
      seedSeconds,
      cpfs: rows.map((row) => row.cpfNumber),
      minId: rows[0]?.id ?? 0,
      maxId: rows.at(-1)?.id ?? 0,
      serverVersion: String(version),
    };
    // Last: the data set is complete (bench/lib/datasets.ts reuses it while the fingerprint matches).
    if (values.fingerprint) for (const sql of storeFingerprintSql(values.fingerprint)) await dataSource.query(sql);
    writeFileSync(values.out!, JSON.stringify({ ...prepared, fingerprint: values.fingerprint }));
    console.log(`seeded ${result.personal} personal + ${result.business} business customers (${result.rows} rows) in ${seedSeconds.toFixed(1)} s`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
