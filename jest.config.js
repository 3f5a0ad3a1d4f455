/** Tests are ESM TypeScript; run under NODE_OPTIONS=--experimental-vm-modules (see package.json). */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/packaging runs against a loopback registry (test/helpers/npm-registry.ts), but its
  // `npm install <tarball>` inside a project still hangs there (see docs/benchmarks.md): kept out of
  // `npm test` until that is mended; run it with `npm run test:packaging`.
  testPathIgnorePatterns: process.env.MSO_TEST_PACKAGING === '1' ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/packaging/'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, tsconfig: 'tsconfig.test.json' }],
  },
  testTimeout: 60000,
};
