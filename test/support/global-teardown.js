/** Jest global teardown: see test/support/global-setup.js. */
module.exports = require('./global-setup.js').teardown;
