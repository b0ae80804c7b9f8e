/** Tests run the TypeScript sources; integration tests share MariaDB and Temporal, so run in band. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 60000,
  slowTestThreshold: 20,
  testSequencer: '<rootDir>/test/support/guide-last-sequencer.js',
};
