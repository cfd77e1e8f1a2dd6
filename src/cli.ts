/**
 * The entry bin/run.js loads: oclif bundled with the commands (scripts/bundle.mjs),
 * so the launcher and every command share this one instance of it.
 */
export { execute } from '@oclif/core';
