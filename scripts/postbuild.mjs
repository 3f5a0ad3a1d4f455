// Makes the built CLI executable (npm link / global installs run it directly),
// then caches the parsed built-in rule files (see src/config/yaml-cache.ts).
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
chmodSync(new URL('../dist/cli/main.js', import.meta.url), 0o755);

const { buildRuleCache, RULE_CACHE_FILE } = await import('../dist/config/yaml-cache.js');
const root = new URL('..', import.meta.url).pathname;
const texts = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/i.test(e.name)) texts.push(readFileSync(p, 'utf8'));
  }
};
walk(join(root, 'rules'));
writeFileSync(join(root, RULE_CACHE_FILE), JSON.stringify(buildRuleCache(texts)));
