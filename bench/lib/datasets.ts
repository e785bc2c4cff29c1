/**
 * Seeded data sets kept between runs (issue 22: fast re-runs). Seeding 100,000
 * customers takes minutes; a data set is reused when its fingerprint — what
 * decides its content: the generator's sources, the seed, the sizes, the
 * migrations and bench/prepare.ts — matches the one stored in the database
 * itself (table bench_data_set, written by bench/prepare.ts once seeding has
 * finished) and in the runner's hand-off file. A run that adds customers or
 * documents (register, fan-out, webhooks, images) clears the stored
 * fingerprint first, so the next run seeds afresh; the audit log that the
 * reads write is emptied before a data set is reused.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** The repository (the runner runs from the sources; bench/prepare.ts, compiled, uses only SEED and storeFingerprintSql). */
const ROOT = join(__dirname, '..', '..');

/** Bump when the way a data set is prepared changes in a way the files below do not show. */
const FORMAT = 1;
export const SEED = 20250101;
export const FINGERPRINT_TABLE = 'bench_data_set';

const GENERATOR_FILES = ['src/modules/demo/generator.ts', 'src/modules/demo/random.ts', 'src/modules/demo/reference-data.ts', 'bench/prepare.ts'];

export function datasetFingerprint(database: 'sqlite' | 'mysql', personal: number, business: number): string {
  const hash = createHash('sha256').update(JSON.stringify({ FORMAT, database, personal, business, seed: SEED }));
  for (const file of GENERATOR_FILES) hash.update(file).update(readFileSync(join(ROOT, file)));
  for (const dir of ['src/modules/demo/data']) {
    const path = join(ROOT, dir);
    if (existsSync(path)) for (const name of readdirSync(path).sort()) hash.update(name).update(readFileSync(join(path, name)));
  }
  hash.update(readdirSync(join(ROOT, 'migrations')).sort().join('\n'));
  return hash.digest('hex').slice(0, 32);
}

// better-sqlite3 has no type declarations installed: the calls used here, typed by hand.
interface SqliteDatabase {
  prepare(sql: string): { get(): unknown; run(): unknown };
  close(): void;
}
const Sqlite = require('better-sqlite3') as new (path: string, options?: { fileMustExist?: boolean }) => SqliteDatabase;

/** Runs `work` on the data set's database: SQLite file (it must exist) or MariaDB database. */
async function withDatabase<T>(url: string, work: (sql: (text: string) => Promise<unknown[]>) => Promise<T>): Promise<T> {
  if (url.startsWith('sqlite:')) {
    const db = new Sqlite(url.slice('sqlite:'.length), { fileMustExist: true });
    try {
      return await work(async (text) => (/^\s*select/i.test(text) ? [db.prepare(text).get()].filter(Boolean) : (db.prepare(text).run(), [])));
    } finally {
      db.close();
    }
  }
  const connection = await createConnection({ uri: url, connectTimeout: 5000 });
  try {
    return await work(async (text) => (await connection.query(text))[0] as unknown[]);
  } finally {
    await connection.end();
  }
}

/** The fingerprint stored in the data set's database, or null (none, not finished, or no such database). */
export async function storedFingerprint(url: string): Promise<string | null> {
  try {
    return await withDatabase(url, async (sql) => {
      const [row] = (await sql(`SELECT fingerprint FROM ${FINGERPRINT_TABLE}`)) as { fingerprint: string }[];
      return row?.fingerprint ?? null;
    });
  } catch {
    return null;
  }
}

/** Run by bench/prepare.ts once seeding has finished, in the data set's own database. */
export function storeFingerprintSql(fingerprint: string): string[] {
  if (!/^[0-9a-f]+$/.test(fingerprint)) throw new Error(`not a fingerprint: ${fingerprint}`);
  return [`CREATE TABLE ${FINGERPRINT_TABLE} (fingerprint varchar(64) NOT NULL)`, `INSERT INTO ${FINGERPRINT_TABLE} (fingerprint) VALUES ('${fingerprint}')`];
}

/** Before an operation that adds data other than audit rows: the next run seeds afresh. */
export async function invalidate(url: string): Promise<void> {
  await withDatabase(url, (sql) => sql(`DELETE FROM ${FINGERPRINT_TABLE}`)).catch(() => undefined);
}

/** Before reusing: the audit rows earlier runs' reads wrote go (a fresh data set has none). */
export async function clearAuditLog(url: string): Promise<void> {
  await withDatabase(url, async (sql) => {
    await sql(url.startsWith('sqlite:') ? 'DELETE FROM audit_log' : 'TRUNCATE TABLE audit_log');
  });
}
