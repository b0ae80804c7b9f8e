const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's own order (failed first, then slowest first), except that the user guide's test runs last:
 * it checks the pictures the browser tests take in the same run.
 */
class GuideLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isGuide = (test) => test.path.endsWith('user-guide.test.ts');
    return [...sorted.filter((t) => !isGuide(t)), ...sorted.filter(isGuide)];
  }
}

module.exports = GuideLastSequencer;
