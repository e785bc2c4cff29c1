import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { dropDatabase, freshDatabase } from './support/database';
import { TEST_JWT_SECRET, tokenFor } from './support/gateway';
import { eventually, freePort, postGraphQL } from './support/process';
import { REGISTER, uniqueCpf, validRegistration } from './support/registration';
import { analystClaims } from '../src/platform/security/viewer';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const packageJsonOf = (name: string) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
  });
}

/** Packages a compiled file loads at run time (type-only imports are gone after tsc). */
function requiredPackages(file: string): string[] {
  const builtins = new Set(builtinModules);
  return [...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)]
    .map((m) => m[1])
    .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:') && !builtins.has(spec))
    .map((spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]));
}

/**
 * Production runs compiled JavaScript (`npm run build`, then `npm run start:prod`),
 * with only `dependencies` installed. Database-agnostic: it runs once per `npm test` (jest.config.js, `once`).
 */
describe('production runtime: compiled gateway (item 9)', () => {
  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: root, timeout: 90_000 });
  }, 100_000);

  it('npm run build emits the entry points, the migrations as JavaScript and the data files', () => {
    expect(pkg.scripts['start:prod']).toBe('node dist/src/main.js');
    expect(pkg.scripts['worker:prod']).toBe('node dist/src/worker.js');
    expect(pkg.scripts['migrate:prod']).toBe('node dist/scripts/migrate.js');
    for (const file of [
      'src/main.js',
      'src/worker.js',
      'scripts/migrate.js',
      'src/modules/ide/browser/ide-app.bundle.js',
      'src/modules/onboarding/data/occupations.json',
      'src/modules/onboarding/data/blocked-country-calling-codes.json',
      'src/modules/onboarding/data/sandbox-reproved-cpfs.json',
      ...['places', 'holders', 'people', 'occupations', 'companies'].map((name) => `src/modules/demo/data/${name}.json`),
    ]) {
      expect(existsSync(join(root, 'dist', file))).toBe(true);
    }
    const sources = readdirSync(join(root, 'migrations'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, '.js'))
      .sort();
    expect(
      readdirSync(join(root, 'dist', 'migrations'))
        .filter((f) => f.endsWith('.js'))
        .sort(),
    ).toEqual(sources);
  });

  it('type-graphql is pinned to the installed version; ts-node and type-only packages are development dependencies', () => {
    expect(pkg.dependencies['type-graphql']).toBe(packageJsonOf('type-graphql').version);
    expect(pkg.dependencies['type-graphql']).toBe('2.0.0-rc.4');
    for (const dev of ['ts-node', 'typescript', '@apollo/server-gateway-interface', 'cli-progress']) {
      expect(pkg.dependencies[dev]).toBeUndefined();
      expect(pkg.devDependencies[dev]).toBeDefined();
    }
  });

  it('every package the compiled runtime loads, and every peer it needs, is in dependencies', () => {
    const runtimeFiles = [...jsFiles(join(root, 'dist', 'src')), ...jsFiles(join(root, 'dist', 'migrations')), join(root, 'dist', 'scripts', 'migrate.js')];
    const loaded = new Set(runtimeFiles.flatMap(requiredPackages));
    const undeclared = [...loaded]
      .filter((name) => !pkg.dependencies[name])
      .map(
        (name) =>
          `${name} (${runtimeFiles
            .filter((f) => requiredPackages(f).includes(name))
            .map((f) => relative(root, f))
            .join(', ')})`,
      );
    expect(undeclared).toEqual([]);
    // Peers of runtime packages: required ones always, optional ones when our code loads them (class-validator for
    // type-graphql); @types/* peers (mysql2's @types/node) are compile-time only and live in devDependencies.
    const missingPeers: string[] = [];
    for (const name of Object.keys(pkg.dependencies)) {
      const { peerDependencies = {}, peerDependenciesMeta = {} } = packageJsonOf(name);
      for (const peer of Object.keys(peerDependencies)) {
        const optional = peerDependenciesMeta[peer]?.optional === true;
        if (peer.startsWith('@types/')) {
          if (!pkg.devDependencies[peer]) missingPeers.push(`${peer} (peer of ${name}, in devDependencies)`);
        } else if ((!optional || loaded.has(peer)) && !pkg.dependencies[peer]) missingPeers.push(`${peer} (peer of ${name})`);
      }
    }
    expect(missingPeers).toEqual([]);
  });

  it('node dist/src/main.js migrates from compiled JavaScript, becomes ready, answers a query and a registration, serves the IDE, stops on SIGTERM', async () => {
    const { url: databaseUrl, config } = await freshDatabase('production-build');
    const port = await freePort();
    const [command, ...args] = pkg.scripts['start:prod'].split(' ');
    expect(command).toBe('node');
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DEMO_DATA: 'false',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        EVALUATION_DELAY_MS: '60000',
        // The registration below uses made-up document tokens (as test/support/process.ts does for every child process).
        ACCEPT_UNVERIFIED_DOCUMENTS: 'true',
        DOCUMENT_STORAGE_DIR: join(tmpdir(), 'gateway-test-documents', 'production-build'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      await eventually(async () => {
        if (child.exitCode !== null) throw new Error(`the compiled gateway exited:\n${output}`);
        const res = await fetch(`${base}/readyz`).catch(() => null);
        return res?.status === 200;
      }, 45_000);
      // No TypeScript at run time: the migrations came from dist/migrations/*.js.
      // Every migration of migrations/ (file `<timestamp>-<Name>.ts`, class `<Name><timestamp>`), oldest first.
      const migrations = readdirSync(join(__dirname, '..', 'migrations'))
        .filter((file) => file.endsWith('.ts'))
        .sort()
        .map((file) => file.replace(/\.ts$/, '').replace(/^(\d+)-(\w+)$/, '$2$1'));
      // Every log line is JSON: the migrations line carries them as a list.
      const applied = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
        .find((line) => /^migrations applied/.test(line.msg));
      expect(applied?.migrations).toEqual(migrations);

      const analyst = `Bearer ${await tokenFor(analystClaims('prod-analyst'))}`;
      expect(await postGraphQL(`${base}/graphql`, '{ personalCustomers(first: 1) { totalCount } }', undefined, { authorization: analyst })).toEqual({
        data: { personalCustomers: { totalCount: 0 } },
      });
      // The onboarding rules read their JSON data files (occupations, calling codes) from dist.
      const cpf = uniqueCpf();
      const registered = await postGraphQL(`${base}/graphql`, REGISTER, { documentNumber: cpf, input: validRegistration() }, { authorization: analyst });
      expect(registered.data?.registerCustomer).toMatchObject({ documentNumber: cpf, status: 'PENDING_APPROVAL' });
      const refused = await postGraphQL(
        `${base}/graphql`,
        REGISTER,
        { documentNumber: uniqueCpf(), input: validRegistration({ occupation: 'OCP9999' }) },
        { authorization: analyst },
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'INVALID_OCCUPATION' });

      // The IDE's assets resolve from node_modules and its tabs from examples/operations.
      const page = await fetch(`${base}/ide`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = html.match(/src="(\/ide\/assets\/graphiql\.min\.js\?v=[0-9a-f]+)"/);
      expect(script).not.toBeNull();
      expect((await fetch(`${base}${script![1]}`)).status).toBe(200);
      expect(html).toContain('PersonalCustomersPage');
      // The page's own bundle, copied into dist by npm run build.
      const own = html.match(/src="(\/ide\/assets\/ide\.js\?v=[0-9a-f]+)"/);
      const bundle = await fetch(`${base}${own![1]}`);
      expect(bundle.status).toBe(200);
      expect(await bundle.text()).toContain('npm run build:ide');

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dropDatabase(config);
    }
  }, 60_000);
});
