// `npm run prepare`: gives mso's own contributors the git hooks in .husky/.
// Never fails an install: skipped in CI, without a .git (a tarball), with HUSKY=0,
// or when husky is not installed (e.g. --omit=dev).
import { existsSync } from 'node:fs';

if (process.env.HUSKY === '0' || process.env.CI || !existsSync('.git')) process.exit(0);
try {
  const husky = (await import('husky')).default;
  const message = husky();
  if (message) console.log(`husky: ${message}`);
} catch (err) {
  console.log(`husky: git hooks not installed (${err?.code ?? err?.message ?? err})`);
}
