/**
 * Production refuses unsafe settings (issue 19, point 7), all at once and
 * before touching the database: the real entry points are spawned with
 * NODE_ENV=production and a bad environment; each must exit 1 with one
 * `configuration error:` JSON log line naming every problem, and leave the
 * database (SQLite file or MariaDB database of this run) without a table.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DatabaseConfig, loadConfig } from '../src/platform/config';
import { openDataSource } from '../src/data-source';
import { dropDatabase, freshDatabase, testDatabaseKind } from './support/database';
import { entryCommand } from './support/process';

jest.setTimeout(120_000);

const root = join(__dirname, '..');

/** Runs an entry point with exactly `env` (nothing inherited but PATH and HOME) from `cwd`; its exit code and output. */
function run(entry: string, env: Record<string, string>, cwd = root): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const command = entryCommand(entry);
    const child = spawn(process.execPath, command.args, {
      cwd,
      // The code cache's variable is the test's plumbing (test/support/code-cache.js), not the configuration under test.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TS_NODE_PROJECT: join(root, 'tsconfig.json'), ...command.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The one JSON log line of the refusal. */
function refusal(output: { stdout: string; stderr: string }): { msg: string; problems: string[]; level: number } {
  const lines = `${output.stdout}\n${output.stderr}`.split('\n').filter((line) => line.includes('configuration error:'));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]);
}

async function tablesOf(database: DatabaseConfig): Promise<string[]> {
  if (database.kind === 'sqlite' && !existsSync(database.path)) return [];
  const dataSource = await openDataSource(database);
  try {
    const rows: { name: string }[] =
      database.kind === 'sqlite'
        ? await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await dataSource.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
    return rows.map((row) => row.name);
  } finally {
    await dataSource.destroy();
  }
}

const UNSAFE = {
  NODE_ENV: 'production',
  ACCEPT_UNVERIFIED_DOCUMENTS: 'true',
  INTROSPECTION_FOR_ALL: 'true',
  PUBLIC_BASE_URL: 'http://api.banco.example',
  TRUST_PROXY: 'not-an-address',
};
const PROBLEMS = {
  acceptUnverified: /^ACCEPT_UNVERIFIED_DOCUMENTS=true is refused in production/,
  introspection: /^INTROSPECTION_FOR_ALL=true is refused in production/,
  http: /^PUBLIC_BASE_URL must be https in production/,
  database: /^DATABASE_URL is required in production/,
  trustProxy: /^TRUST_PROXY must be false, true, a hop count or a comma-separated list/,
  tokenKey: /^a token verification key is required in production/,
  webhookKey: /^a webhook secret key is required in production .*set WEBHOOK_SECRET_KEY or WEBHOOK_SECRET_KEY_FILE$/,
};
const expectProblems = (problems: string[], expected: RegExp[]) => {
  expect(problems).toHaveLength(expected.length);
  for (const pattern of expected) expect([pattern, problems.some((p) => pattern.test(p))]).toEqual([pattern, true]);
};

describe(`production refuses unsafe settings on ${testDatabaseKind}`, () => {
  let database: DatabaseConfig | undefined;
  afterEach(async () => {
    if (database) await dropDatabase(database);
    database = undefined;
  });

  it('the gateway lists every problem in one line and exits 1 before creating the embedded database', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gateway-production-config-'));
    const output = await run('src/main.ts', UNSAFE, cwd);
    expect(output.code).toBe(1);
    const line = refusal(output);
    expect(line.level).toBe(60);
    expect(line.msg).toMatch(/^configuration error: /);
    expectProblems(line.problems, Object.values(PROBLEMS));
    for (const problem of line.problems) expect(line.msg).toContain(problem);
    expect(`${output.stdout}${output.stderr}`).not.toMatch(/TypeError|migrations applied|\n\s+at /);
    // No embedded database file was named, so none was created (nor any data directory).
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('the gateway migrates nothing in the named database', async () => {
    const fresh = await freshDatabase('production-config-gateway');
    database = fresh.config;
    const output = await run('src/main.ts', { ...UNSAFE, DATABASE_URL: fresh.url });
    expect(output.code).toBe(1);
    const { msg, problems } = refusal(output);
    expect(msg).toMatch(/^configuration error: /);
    expectProblems(problems, [PROBLEMS.acceptUnverified, PROBLEMS.introspection, PROBLEMS.http, PROBLEMS.trustProxy, PROBLEMS.tokenKey, PROBLEMS.webhookKey]);
    expect(await tablesOf(fresh.config)).toEqual([]);
  });

  it('the worker refuses too (it verifies no token: no token key needed) and migrates nothing', async () => {
    const fresh = await freshDatabase('production-config-worker');
    database = fresh.config;
    const output = await run('src/worker.ts', { ...UNSAFE, DATABASE_URL: fresh.url, JWT_SECRET: 'x'.repeat(40) });
    expect(output.code).toBe(1);
    const { problems } = refusal(output);
    expectProblems(problems, [PROBLEMS.acceptUnverified, PROBLEMS.introspection, PROBLEMS.http, PROBLEMS.trustProxy, PROBLEMS.webhookKey]);
    expect(await tablesOf(fresh.config)).toEqual([]);
  });
});

describe('TRUST_PROXY', () => {
  const withEnv = (env: Record<string, string | undefined>) => {
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    for (const [key, value] of Object.entries(env))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    try {
      return loadConfig();
    } finally {
      for (const [key, value] of Object.entries(saved))
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
  };

  it('takes what Express takes and refuses anything else as a configuration error, not a TypeError', () => {
    expect(withEnv({ TRUST_PROXY: undefined }).trustProxy).toBe(false);
    expect(withEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(withEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(withEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(withEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toBe('loopback, 10.0.0.0/8,fd00::/8');
    for (const bad of ['not-an-address', '10.0.0.0/99', '10.0.0.1,,10.0.0.2', 'yes please']) {
      expect(() => withEnv({ TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => withEnv({ TRUST_PROXY: bad })).toThrow(/^TRUST_PROXY must be/);
    }
  });

  it('production accepts a safe configuration', () => {
    const config = withEnv({
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://api.banco.com.br',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'x'.repeat(40),
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      ACCEPT_UNVERIFIED_DOCUMENTS: undefined,
      INTROSPECTION_FOR_ALL: undefined,
      TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({ env: 'production', trustProxy: 1, documents: { acceptUnverified: false }, limits: { introspectionForAll: false } });
  });
});
