/**
 * The jest environment of every project (jest.config.js): the jest worker's own realm, plus the database of the
 * project (`testEnvironmentOptions.database` and `.databaseUrl`) in process.env (DATABASE_URL, TEST_DATABASE), which
 * child processes started with `{ ...process.env }` inherit too.
 *
 * Not jest's Node environment: that one runs every test file in a vm context whose globals are reached through a
 * proxy, which made the code under test (the in-process gateways above all) 1.5 times slower. Here test files and the
 * modules they load run in the worker's realm (test/support/runtime.js compiles them there), with the worker's globals.
 * A worker runs one test file at a time, so what a file changes is put back after it: process.env whole, the globals
 * it added (jest's describe, it, expect… are installed again for each file), process.exit and console.
 * GATEWAY_TEST_CPU_OUT=<file> records each jest file's wall and CPU time with its project (TEST_PROJECT: a database,
 * or `once`): test/support/timings.js.
 */
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { createContext } = require('node:vm');
const { LegacyFakeTimers, ModernFakeTimers } = require('@jest/fake-timers');
const { ModuleMocker } = require('jest-mock');
const { recordTiming, startTiming } = require('./timings.js');

/** What jest-util's installCommonGlobals gives a sandbox, on the worker's global once (they cannot be redefined). */
function installJestNatives() {
  const natives = {
    'jest-native-promise': Promise,
    'jest-native-now': Date.now.bind(Date),
    'jest-native-read-file': readFileSync,
    'jest-native-write-file': writeFileSync,
    'jest-native-exists-file': existsSync,
  };
  for (const [name, value] of Object.entries(natives)) {
    if (!(Symbol.for(name) in globalThis)) Object.defineProperty(globalThis, Symbol.for(name), { value, enumerable: false, writable: false });
  }
  if (!('jest-symbol-do-not-touch' in globalThis)) Object.defineProperty(globalThis, 'jest-symbol-do-not-touch', { value: Symbol, enumerable: false });
}

class DatabaseEnvironment {
  constructor(config, context) {
    const { projectConfig } = config;
    const { database, databaseUrl } = projectConfig.testEnvironmentOptions;
    const project = projectConfig.displayName?.name ?? database;
    installJestNatives();
    this.global = globalThis;
    // jest-runtime asks for a context (ES modules only, which these tests do not load); modules compile in this realm.
    this.context = createContext();
    this.moduleMocker = new ModuleMocker(globalThis);
    this.fakeTimers = new LegacyFakeTimers({
      config: projectConfig,
      global: globalThis,
      moduleMocker: this.moduleMocker,
      timerConfig: { idToRef: (id) => id, refToId: (ref) => ref },
    });
    this.fakeTimersModern = new ModernFakeTimers({ config: projectConfig, global: globalThis });
    this.savedEnv = { ...process.env };
    // jest-runner wraps process.exit and replaces console for each file: the worker's own come back after it.
    this.savedExit = process.exit;
    this.savedConsole = globalThis.console;
    this.savedGlobals = new Set(Reflect.ownKeys(globalThis));
    Object.assign(process.env, { NODE_ENV: 'test', TEST_DATABASE: database, TEST_PROJECT: project, DATABASE_URL: databaseUrl });
    // Jest's Node environment sets 100. Every Error captures that many frames, and every GraphQLError reads its
    // original's stack, which jest's source-map support then maps frame by frame: thousands of refused requests per
    // run paid for stacks nobody reads. 20 frames still reach a failing test's own line.
    Error.stackTraceLimit = 20;
    this.measured = { file: context.testPath, project };
    this.started = startTiming();
  }

  async setup() {}

  async teardown() {
    this.fakeTimers?.dispose();
    this.fakeTimersModern?.dispose();
    this.fakeTimers = null;
    this.fakeTimersModern = null;
    this.context = null;
    process.exit = this.savedExit;
    globalThis.console = this.savedConsole;
    for (const key of Object.keys(process.env)) if (!(key in this.savedEnv)) delete process.env[key];
    Object.assign(process.env, this.savedEnv);
    for (const key of Reflect.ownKeys(globalThis)) {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
      if (!this.savedGlobals.has(key) && descriptor?.configurable) delete globalThis[key];
    }
    recordTiming(this.started, this.measured);
  }

  exportConditions() {
    return ['node', 'node-addons'];
  }

  getVmContext() {
    return this.context;
  }
}

module.exports = DatabaseEnvironment;
