/** Tests are ESM TypeScript; run under NODE_OPTIONS=--experimental-vm-modules (see package.json). */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/packaging installs the packed tarball with npm, which resolves its dependencies from the npm
  // registry: traffic beyond loopback, so it is not part of `npm test` (run: npm run test:packaging).
  testPathIgnorePatterns: process.env.MSO_TEST_PACKAGING === '1' ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/packaging/'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, tsconfig: 'tsconfig.test.json' }],
  },
  testTimeout: 60000,
};
