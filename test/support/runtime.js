/**
 * Jest's module runtime with one change: modules are compiled in the worker's own realm instead of the test
 * environment's vm context (jest.config.js `runtime`, with test/support/environment.js, whose global is the worker's).
 * Jest's vm context reaches every global (Math, Date, JSON, Promise…) through a proxy and the context's interceptors:
 * the gateways the tests start in process ran 1.5 times slower per request than under plain Node (and a tight loop
 * over Math 5 times slower). Jest still gives each test file its own module registry; a file's globals and
 * process.env are put back after it (test/support/environment.js).
 */
const { compileFunction } = require('node:vm');
const Runtime = require('jest-runtime').default;
const { handlePotentialSyntaxError } = require('@jest/transform');

class MainRealmRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // jest-runtime compiles CommonJS modules in its executor (parsingContext: the environment's vm context).
    const { executor } = this;
    if (typeof executor?.compile !== 'function') throw new Error('jest-runtime changed: no executor.compile to run modules in the worker realm');
    executor.compile = (scriptSource, filename) => {
      try {
        return compileFunction(scriptSource, executor.injectedModuleParameters, { filename });
      } catch (error) {
        throw handlePotentialSyntaxError(error);
      }
    };
  }
}

module.exports = MainRealmRuntime;
