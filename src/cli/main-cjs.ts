#!/usr/bin/env node
import { runCli } from './entry.js';

// The `mso` binary (dist/cli/main.cjs, package.json "bin"): entry.ts as a CommonJS script, so a
// hook's start-up loads no ES module machinery. No module fallback: the build makes every bundle.
void runCli(process.argv);
