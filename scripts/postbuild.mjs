// Makes the built CLI executable (npm link / global installs run it directly),
// then compiles the built-in rules (scripts/compile-rules.mjs).
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);
chmodSync(new URL('../dist/cli/main.cjs', import.meta.url), 0o755);
await import('./compile-rules.mjs');
