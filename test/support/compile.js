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
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } = require('node:fs');
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

module.exports = { compileForTests, buildDir };

if (require.main === module) {
  const started = Date.now();
  compileForTests();
  console.log(`test build up to date in ${buildDir} (${Date.now() - started} ms)`);
}
