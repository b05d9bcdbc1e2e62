// Jest projects: unit (pure, fast), contract (store port against every adapter),
// integration (real servers), e2e (browser, namespaces). TypeScript is stripped by swc;
// type checking is `npm run typecheck`.
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  // intl-messageformat and its parser ship only ES modules, which Node 20 requires natively but
  // Jest's module loader does not: swc turns them into CommonJS for the tests.
  '^.+/node_modules/(intl-messageformat|@formatjs)/.+\\.js$': [
    '@swc/jest',
    { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
// build/ holds the Debian package's staging tree (another package.json) while it is made.
const base = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/build/'],
  transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs)/)'],
};

module.exports = {
  // Tests that start processes wait for them; on a loaded 2-core CI box 5 s is too short, and
  // a timeout is not a speed assertion (speed goals live in bench/).
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'contract',
      testMatch: ['<rootDir>/test/contract/**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
    // End to end: Debian's chromium driven by playwright-core against the built service, and
    // network namespaces with nftables for the local-gateway flow (runs as root).
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    // The Debian package built, installed in a clean Debian 13 root (mmdebstrap), upgraded and
    // purged (runs as root).
    { ...base, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
  ],
};
