/**
 * Test order for mutation runs: fastest test files first (jest's own order, reversed: it runs the slowest
 * first). Combined with `bail`, a mutant that some quick unit test kills is detected without waiting for
 * the socket suites; this matters most for static mutants, which run every test that loads their module.
 */
const Sequencer = require('@jest/test-sequencer').default;

class FastFirstSequencer extends Sequencer {
  sort(tests) {
    return [...super.sort(tests)].reverse();
  }
}

module.exports = FastFirstSequencer;
