/* global module */
// Under CI every tool is installed (.ci/run runs scripts/setup.sh), so a pending (skipped)
// test there is a broken setup hiding behind a green run: forbid it, in every mocha run.
// Locally a missing tool skips, saying why (test/support/skip.ts).
module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  timeout: 20000,
  'forbid-only': true,
  'forbid-pending': process.env.CI === 'true',
  reporter: 'spec',
};
