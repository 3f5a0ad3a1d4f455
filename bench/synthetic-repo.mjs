// Builds a synthetic repository for the benchmark: thousands of source, config
// and data files (tens of MB) of plausible text, with a few planted credentials.
// The filler is deterministic (seeded); the planted tokens are random and built
// at run time, so no live-looking token is ever committed to this repository.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The checksum code the scanner itself uses (bench runs after `npm run build`).
import { base62, crc32 } from '../dist/scanners/secrets/checksums.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Small deterministic PRNG (mulberry32) so every run scans the same filler. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFrom(alphabet, n) {
  const bytes = randomBytes(n * 2);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[bytes.readUInt16BE(i * 2) % alphabet.length];
  return out;
}

/** Credentials of several kinds, each a line to plant. */
export const plants = [
  () => {
    const r = randomFrom(ALNUM, 30);
    return `GITHUB_TOKEN = "ghp_${r}${base62(crc32(r), 6)}"`;
  },
  () => `aws_access_key_id = AKIA${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  () => `SLACK_BOT_TOKEN=xoxb-${randomFrom('0123456789', 12)}-${randomFrom('0123456789', 13)}-${randomFrom(ALNUM, 24)}`,
  () => `stripe_key: "sk_live_${randomFrom(ALNUM, 99)}"`,
  () => `const anthropic = "sk-ant-api03-${randomFrom(ALNUM + '-_', 93)}AA";`,
  () => `DATABASE_URL=postgres://app:${randomFrom(ALNUM, 20)}@db.internal:5432/app`,
];

const WORDS = (
  'user account order invoice payment session request response handler service client server cache queue ' +
  'config value result error status token count index item list map record table field column schema model ' +
  'build deploy release check verify parse render update create delete fetch store load save open close'
).split(' ');

function ident(r) {
  const a = WORDS[Math.floor(r() * WORDS.length)];
  const b = WORDS[Math.floor(r() * WORDS.length)];
  return a + b[0].toUpperCase() + b.slice(1);
}

function hex(r, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(r() * 16)];
  return s;
}

/** One line of plausible code/config; includes the usual false-positive bait (hashes, UUIDs, env refs). */
function line(r, kind) {
  const x = ident(r);
  const y = ident(r);
  const n = Math.floor(r() * 10000);
  const pick = Math.floor(r() * 12);
  if (kind === 'py') {
    return [
      `def ${x}(${y}, limit=${n}):`,
      `    return ${y}.get("${x}", ${n})`,
      `    ${x} = os.environ["${y.toUpperCase()}_KEY"]`,
      `    logger.info("processed %s items for ${x}", ${y})`,
      `    if ${x} is None: raise ValueError("${y} missing")`,
      `# ${x} handles the ${y} flow; see docs/${x}.md`,
      `    checksum = "${hex(r, 64)}"`,
      `    ${x}_id = "${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}"`,
      `    for item in ${y}: total += item.${x}`,
      `    api_key = settings.${x}_api_key  # loaded at runtime`,
      `class ${x[0].toUpperCase() + x.slice(1)}(Base):`,
      `    password = "\${${y.toUpperCase()}_PASSWORD}"`,
    ][pick];
  }
  if (kind === 'json') {
    return [
      `  "${x}": ${n},`,
      `  "${x}": "${y}",`,
      `  "integrity": "sha512-${Buffer.from(hex(r, 64)).toString('base64').slice(0, 86)}==",`,
      `  "resolved": "https://registry.example.invalid/${x}/-/${x}-${n}.tgz",`,
      `  "commit": "${hex(r, 40)}",`,
      `  "${x}Url": "https://${y}.example.invalid/api/v${n % 4}",`,
    ][pick % 6];
  }
  return [
    `export function ${x}(${y}) { return ${y}.map((v) => v.${x} + ${n}); }`,
    `const ${x} = await ${y}.fetch(\`/api/${x}/\${id}\`);`,
    `  if (!${x}) throw new Error('${y} not found: ' + ${n});`,
    `// ${x}: keep in sync with ${y} (see #${n})`,
    `import { ${x} } from './${y}.js';`,
    `  const token = process.env.${y.toUpperCase()}_TOKEN;`,
    `  ${x}.set('${y}', ${n});`,
    `  const sha = '${hex(r, 40)}';`,
    `  return { ${x}, ${y}, count: ${n} };`,
    `  const apiKey = config.get('${x}.apiKey');`,
    `  log.debug(\`${x} took \${Date.now() - t0} ms\`);`,
    `}`,
  ][pick];
}

/**
 * Writes `files` files of about `avgBytes` each under `dir` (folders of 50),
 * planting `secrets` credentials in distinct files. Returns the file list and byte total.
 */
export function generateTree(dir, { files = 3000, avgBytes = 10_000, secrets = 24, seed = 42 } = {}) {
  const r = prng(seed);
  const kinds = ['ts', 'py', 'json', 'js', 'md'];
  const planted = new Set();
  while (planted.size < Math.min(secrets, files)) planted.add(Math.floor(r() * files));
  const list = [];
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const kind = kinds[i % kinds.length];
    const rel = `pkg${String(Math.floor(i / 50)).padStart(3, '0')}/${ident(r)}_${i}.${kind}`;
    const target = Math.floor(avgBytes * (0.3 + r() * 1.4));
    const lines = [];
    let size = 0;
    while (size < target) {
      const l = line(r, kind === 'md' ? 'ts' : kind);
      lines.push(l);
      size += l.length + 1;
    }
    if (planted.has(i)) lines.splice(Math.floor(lines.length / 2), 0, plants[i % plants.length]());
    const text = lines.join('\n') + '\n';
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
    bytes += Buffer.byteLength(text);
    list.push(rel);
  }
  return { files: list, bytes };
}

/** Lines to append to a file for a "typical commit": a small change, sometimes with a credential. */
export function commitChange(r, kind, withSecret) {
  const lines = [];
  const n = 10 + Math.floor(r() * 30);
  for (let i = 0; i < n; i++) lines.push(line(r, kind === 'md' ? 'ts' : kind));
  if (withSecret) lines.splice(n >> 1, 0, plants[Math.floor(r() * plants.length)]());
  return lines.join('\n') + '\n';
}
