/**
 * Starts the longest jest files first: on a fresh clone jest knows no earlier durations and orders by file size, the
 * same for every group file, which can leave the longest group to start last. A group weighs the sum of its files'
 * measured seconds in its project (test/support/groups.js), so that the groups end together.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { filesOfGroup, weightOf } = require('./groups.js');

function seconds(test) {
  const project = test.context.config.displayName?.name;
  const files = filesOfGroup(test.path, project);
  return files ? files.reduce((sum, file) => sum + weightOf(file, project), 0) : weightOf(test.path, project);
}

class LongestFirst extends Sequencer {
  sort(tests) {
    return tests.map((test) => ({ test, seconds: seconds(test) })).sort((a, b) => b.seconds - a.seconds).map(({ test }) => test);
  }
}

module.exports = LongestFirst;
