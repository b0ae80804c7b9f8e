/** Tests run the TypeScript sources, one file at a time (`--maxWorkers=1`): they share the machine's MariaDB. */
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
