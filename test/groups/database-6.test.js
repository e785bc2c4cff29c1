// One jest file running a share of the test files with one module registry: see test/support/groups.js.
require('../support/groups').runGroup(__filename);
