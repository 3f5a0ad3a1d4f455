// `npm install` in a checkout, `npm pack`, `npm publish` and `npm install <git URL>` run this
// (npm's `prepare`): it installs the contributors' git hooks (.husky/install.mjs), then builds,
// so a package made from a clean clone always holds dist/. Everything it prints goes to stderr:
// pre-commit's node installer reads the tarball's name from `npm pack`'s standard output.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = (script) => spawnSync(process.execPath, [join(root, script)], { cwd: root, stdio: ['ignore', 2, 2] }).status;

if (existsSync(join(root, '.husky', 'install.mjs'))) node('.husky/install.mjs');

const built = () => existsSync(join(root, 'dist', 'cli', 'main.js'));
const toolsPresent = () => existsSync(join(root, 'node_modules', 'typescript')) && existsSync(join(root, 'node_modules', 'esbuild'));

if (!toolsPresent()) {
  // An install without devDependencies of an already built checkout: nothing to build with, nothing missing.
  if (built()) process.exit(0);
  process.stderr.write('mso: cannot build: the devDependencies (typescript, esbuild) are not installed; run `npm ci` first\n');
  process.exit(1);
}
process.exit(node('scripts/build.mjs') ?? 1);
