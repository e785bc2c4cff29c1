/**
 * How the tests transpile TypeScript: jest's transform (jest.config.js) and the build of the child processes
 * (test/support/compile.js) both use SWC with these options, each file alone, about 20 times faster than TypeScript's
 * own transpiler (on a fresh machine each jest project transforms every source and test file once). They mirror
 * tsconfig.json: legacy decorators with their design-time types (type-graphql and TypeORM read them), no define
 * semantics for class fields, CommonJS. The type check is test/typecheck.test.ts's; the real build is tsc's
 * (`npm run build`, test/production-build.test.ts).
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

module.exports = { swcOptions };
