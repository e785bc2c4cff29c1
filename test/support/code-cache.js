/**
 * A V8 code cache for the tests' child processes (preloaded with `--require`
 * by test/support/process.ts). A child spends about 2 s of CPU starting, a
 * third of it parsing and compiling the ~2,000 CommonJS files it loads (the
 * app's build, TypeORM, type-graphql, Apollo…), and the suite starts some 80 of
 * them. Node 20 has no compile cache of its own (`module.enableCompileCache`
 * came in Node 22), so this one compiles each CommonJS file through
 * `vm.Script` with V8's cached data for it, and answers module resolution
 * from the recorded answers (a start spent another fifth of its CPU statting
 * candidate files and reading package.json files).
 *
 * The cache is recorded after execution, not at compile time: a recording run
 * (GATEWAY_CODE_CACHE_RECORD, made by prepareCodeCache from the global setup)
 * starts an entry point until it is ready, and on exit serialises every
 * script it compiled. V8 then includes the functions the start compiled
 * lazily, which a cache taken at compile time would not hold.
 *
 * V8 checks cached data against the source's length and its own version and
 * flags only, so a blob is valid for one build of the project and one
 * node_modules: its file name carries a hash of both (cacheKey), and a blob
 * of another key is never read. Data V8 rejects anyway is ignored: that file
 * compiles as it would without the cache.
 */
const Module = require('node:module');
const vm = require('node:vm');
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { dirname, isAbsolute } = require('node:path');

const blobFile = process.env.GATEWAY_CODE_CACHE;
const recording = process.env.GATEWAY_CODE_CACHE_RECORD === '1';

/** The blob's layout: u32 count, then per file u32 name length, name, u32 data length, data. */
function readBlob(file) {
  const entries = new Map();
  let buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return entries; // no blob (yet): every file compiles as usual
  }
  let offset = 0;
  const u32 = () => ((offset += 4), buffer.readUInt32LE(offset - 4));
  for (let count = u32(); count > 0; count--) {
    const nameLength = u32();
    const name = buffer.toString('utf8', offset, (offset += nameLength));
    const dataLength = u32();
    entries.set(name, buffer.subarray(offset, (offset += dataLength)));
  }
  return entries;
}

function writeBlob(file, scripts, resolutions) {
  const parts = [Buffer.alloc(4)];
  parts[0].writeUInt32LE(scripts.size + 1);
  for (const [name, script] of [...scripts, [RESOLUTIONS, { createCachedData: () => resolutions }]]) {
    const nameBuffer = Buffer.from(name);
    const data = script.createCachedData();
    const lengths = Buffer.alloc(8);
    lengths.writeUInt32LE(nameBuffer.length, 0);
    lengths.writeUInt32LE(data.length, 4);
    parts.push(lengths.subarray(0, 4), nameBuffer, lengths.subarray(4), data);
  }
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.concat(parts));
  renameSync(partial, file); // readers never see half a blob
}

/** The `require` Node gives a CommonJS module (lib/internal/modules/helpers.js makeRequireFunction). */
function requireFor(module) {
  const require = (id) => module.require(id);
  const resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** The blob's entry holding the resolutions (`<parent directory>\0<request>` → file), as JSON. */
const RESOLUTIONS = '\0resolutions';

if (blobFile) {
  const cached = recording ? new Map() : readBlob(blobFile);
  const compiled = new Map();
  const stats = { used: 0, rejected: 0 };
  // Resolving a request stats candidates and reads package.json files up the tree: a fifth of a start. The
  // build and node_modules are those of the recording (cacheKey), so the recorded answer is the answer.
  const resolutions = new Map(cached.has(RESOLUTIONS) ? Object.entries(JSON.parse(cached.get(RESOLUTIONS).toString())) : []);
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveWithCache(request, parent, isMain, options) {
    if (options || !parent?.filename) return resolveFilename.call(this, request, parent, isMain, options);
    const key = `${parent.path}\0${request}`;
    let file = resolutions.get(key);
    if (file === undefined) {
      file = resolveFilename.call(this, request, parent, isMain, options);
      if (recording && isAbsolute(file)) resolutions.set(key, file);
    }
    return file;
  };
  // Node reads the package scope of each .js file to refuse ES modules; a recorded file compiled as CommonJS.
  const loadJs = Module._extensions['.js'];
  Module._extensions['.js'] = function loadRecordedJs(module, filename) {
    if (!cached.has(filename)) return loadJs.call(this, module, filename);
    return module._compile(readFileSync(filename, 'utf8'), filename);
  };
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!/\.c?js$/.test(filename)) return compile.call(this, content, filename);
    // Node strips a shebang line itself; vm.Script would not.
    const source = content.startsWith('#!') ? `//${content}` : content;
    const script = new vm.Script(Module.wrap(source), {
      filename,
      cachedData: cached.get(filename),
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (recording) compiled.set(filename, script);
    if (cached.has(filename)) stats[script.cachedDataRejected ? 'rejected' : 'used'] += 1;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  // GATEWAY_CODE_CACHE_STATS=1: how many files the cache compiled (test/test-groups.test.ts checks V8 still takes it).
  if (process.env.GATEWAY_CODE_CACHE_STATS === '1') process.on('exit', () => process.stderr.write(`code cache: ${JSON.stringify(stats)}\n`));
  if (recording) process.on('exit', () => writeBlob(blobFile, compiled, Buffer.from(JSON.stringify(Object.fromEntries(resolutions)))));
}
