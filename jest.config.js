/**
 * Tests run the TypeScript sources. `npm test` runs two files at a time (each makes its own databases,
 * ports and Chromium), then, one at a time, the fault tests (they kill processes and hold row locks
 * with timing of their own) and the user guide's test, which needs every picture the browser tests took.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 60000,
  // One test file at a time in a worker process that is replaced once it holds more than this: in one
  // long-lived process (--runInBand) the heap grew past 4 GB and every later file ran slower.
  workerIdleMemoryLimit: '1GB',
  slowTestThreshold: 20,
  testSequencer: '<rootDir>/test/support/guide-last-sequencer.js',
};
