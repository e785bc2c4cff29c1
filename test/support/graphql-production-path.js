/**
 * A jest setup file (jest.config.js): the test files load graphql-js's production code path, as the gateway runs in
 * production (NODE_ENV=production). Outside production, graphql-js's `instanceOf` inspects every failed `instanceof`
 * (to report a second copy of the library), and execution asks "is this a list? a non-null?" with failed instanceofs
 * for every field of every answer: about 5% of the suite's CPU. NODE_ENV is `production` only while graphql's modules
 * load (graphql reads it once, then); the gateway under test still sees NODE_ENV=test.
 */
const env = process.env;
const nodeEnv = env.NODE_ENV;
env.NODE_ENV = 'production';
try {
  require('graphql');
} finally {
  env.NODE_ENV = nodeEnv;
}
