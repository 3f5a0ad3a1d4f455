#!/usr/bin/env node
import { runCli } from './entry.js';

// `mso` as an ES module (dist/cli/main.js); the installed binary is dist/cli/main.cjs, the same
// entry without Node's ES module loader (scripts/build.mjs). Either runs what entry.ts says.
await runCli(process.argv, {
  hook: (name) =>
    name === 'pretool' ? import('./hook-bundles/pretool.js') : name === 'posttool' ? import('./hook-bundles/posttool.js') : import('./hook-bundles/pre-commit.js'),
  program: () => import('./program.js'),
});
