/**
 * Compiles src/, scripts/ and migrations/ once per `npm test` (from the jest
 * global setup) into node_modules/.cache/gateway-test-build, the same layout
 * as dist/, so that the tests' child processes (test/support/process.ts) start
 * with `node <build>/src/main.js` instead of each transpiling the whole project
 * under ts-node. Transpile only, file by file, with SWC and the options jest
 * uses (test/support/swc.js); the type check is test/typecheck.test.ts's job
 * and the real `npm run build` (tsc) is test/production-build.test.ts's. A
 * file is transpiled again only when its source is newer than its output, so
 * a second run costs a directory walk.
 */
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, relative } = require('node:path');
const { swcOptions } = require('./swc.js');

const root = join(__dirname, '..', '..');
const buildDir = join(root, 'node_modules', '.cache', 'gateway-test-build');
const SOURCE_DIRS = ['src', 'scripts', 'migrations'];

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** Brings the build up to date (plus `extraDirs`, e.g. bench/ for the benchmark's servers); returns its directory. */
function compileForTests(extraDirs = []) {
  const dirs = [...SOURCE_DIRS, ...extraDirs];
  const swc = require('@swc/core');
  // Outputs of another transpiler or other options (an upgrade, an edited swc.js) are all made again.
  const stampFile = join(buildDir, '.transpiler.json');
  const stamp = JSON.stringify({ swc: swc.version, swcOptions });
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) rmSync(buildDir, { recursive: true, force: true });
  const wanted = new Set();
  for (const dir of dirs) {
    for (const source of walk(join(root, dir))) {
      const rel = relative(root, source);
      let target;
      // The IDE's browser sources are bundled by esbuild (npm run build:ide): only the committed bundle is copied.
      const browserSource = /[\\/]browser[\\/]/.test(rel) && /\.tsx?$/.test(source);
      if (browserSource) continue;
      if (source.endsWith('.ts') && !source.endsWith('.d.ts') && !source.endsWith('.spec.ts') && !source.endsWith('.test.ts')) target = join(buildDir, rel.replace(/\.ts$/, '.js'));
      else if (source.endsWith('.json') || source.endsWith('.js')) target = join(buildDir, rel);
      else continue;
      wanted.add(target);
      if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) continue;
      mkdirSync(dirname(target), { recursive: true });
      if (!source.endsWith('.ts')) {
        copyFileSync(source, target);
        continue;
      }
      // A syntax error throws here, naming the file.
      const { code: outputText } = swc.transformSync(readFileSync(source, 'utf8'), { ...swcOptions, filename: source });
      writeFileSync(target, outputText);
    }
  }
  // A source that was deleted or renamed (a migration above all) must not linger in the build.
  for (const dir of dirs) for (const file of walk(join(buildDir, dir))) if (!wanted.has(file)) rmSync(file);
  writeFileSync(stampFile, stamp);
  return buildDir;
}

/** The entry points whose starts the code cache speeds up, with the line each prints once it is ready. */
const CACHED_ENTRIES = { 'src/main.js': /gateway ready at/, 'src/worker.js': /worker ready/ };
const codeCacheDir = join(buildDir, '.code-cache');

/**
 * What a code cache is valid for (test/support/code-cache.js): this Node, this build (each file's path, size and
 * time) and this node_modules (npm rewrites node_modules/.package-lock.json on every install).
 */
function codeCacheKey() {
  const hash = createHash('sha256').update(`${process.version} ${process.arch}\n`);
  hash.update(readFileSync(join(__dirname, 'code-cache.js')));
  for (const file of walk(buildDir).sort()) {
    if (file.startsWith(codeCacheDir)) continue;
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(buildDir, file)} ${size} ${mtimeMs}\n`);
  }
  const lock = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest('hex').slice(0, 16);
}

/** The code cache of an entry point of the build (`src/main.js`) for `key`. */
const codeCacheFile = (key, entry) => join(codeCacheDir, `${key}-${entry.replace(/[\\/]/g, '_')}.bin`);

/**
 * Records the code cache of each cached entry point once per build (test/support/code-cache.js): starts it on a
 * scratch SQLite database until it is ready, stops it, and lets it write the scripts it compiled. Returns the
 * cache files by entry (`src/main.js` → file) for process.env.GATEWAY_CODE_CACHES; an entry whose recording failed
 * has none, and its children start without a cache (the tests that start it say why it fails).
 */
async function prepareCodeCache() {
  const key = codeCacheKey();
  mkdirSync(codeCacheDir, { recursive: true });
  for (const file of readdirSync(codeCacheDir)) if (!file.startsWith(`${key}-`)) rmSync(join(codeCacheDir, file), { force: true });
  const caches = {};
  await Promise.all(
    Object.entries(CACHED_ENTRIES).map(async ([entry, ready]) => {
      const file = codeCacheFile(key, entry);
      if (!existsSync(file)) await recordCodeCache(entry, ready, file).catch(() => undefined);
      if (existsSync(file)) caches[entry] = file;
    }),
  );
  return caches;
}

function recordCodeCache(entry, ready, file) {
  const scratch = mkdtempSync(join(tmpdir(), 'gateway-code-cache-'));
  const child = spawn(process.execPath, ['--require', join(__dirname, 'code-cache.js'), join(buildDir, entry)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      DEMO_DATA: 'false',
      DATABASE_URL: `sqlite:${join(scratch, 'gateway.sqlite')}`,
      DOCUMENT_STORAGE_DIR: join(scratch, 'documents'),
      GATEWAY_CODE_CACHE: file,
      GATEWAY_CODE_CACHE_RECORD: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) child.kill('SIGINT');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      rmSync(scratch, { recursive: true, force: true });
      if (existsSync(file)) resolve();
      else reject(new Error(`${entry} recorded no code cache:\n${output}`));
    });
  });
}

module.exports = { compileForTests, prepareCodeCache, buildDir };

if (require.main === module) {
  const started = Date.now();
  compileForTests();
  console.log(`test build up to date in ${buildDir} (${Date.now() - started} ms)`);
}
