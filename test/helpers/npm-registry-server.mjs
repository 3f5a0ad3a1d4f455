// A loopback npm registry for the packaging tests: serves packuments and tarballs for exactly the
// packages of a package-lock.json, built from what is already on the machine after `npm ci` —
// npm's content-addressed cache (content-v2, keyed by each lock entry's integrity) or, where the
// cache lacks a tarball, the installed folder packed again (its integrity recomputed and served
// in the packument). Anything else is a 404 and a line in <log-dir>/misses.log, so a test can fail
// on it: nothing falls through to the internet. What it served is listed in <log-dir>/served.log.
//
// Plain ESM JavaScript because it runs as its own process (inside the test's network namespace):
//   node npm-registry-server.mjs <package-lock.json> <log-dir>
// prints the port it listens on (127.0.0.1) as its first line of standard output.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';

/** npm's cache folder: npm_config_cache, else npm's default. */
function npmCacheDir() {
  if (process.env.npm_config_cache) return process.env.npm_config_cache;
  const r = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  return join(process.env.HOME ?? '/root', '.npm');
}

/** The cached bytes for an integrity string, checked against it; undefined when the cache lacks them. */
function fromCache(cacheDir, integrity) {
  for (const one of integrity.split(/\s+/)) {
    const m = /^(sha512|sha1)-(.+)$/.exec(one);
    if (!m) continue;
    const hex = Buffer.from(m[2], 'base64').toString('hex');
    // cacache's content-v2 layout: content-v2/<algorithm>/<hex[0:2]>/<hex[2:4]>/<hex[4:]>
    const file = join(cacheDir, '_cacache', 'content-v2', m[1], hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    if (createHash(m[1]).update(bytes).digest('base64') === m[2]) return bytes;
  }
  return undefined;
}

/** An installed folder packed as npm would ship it (every file under package/). */
function packFolder(folder) {
  const r = spawnSync('tar', ['-czf', '-', '--owner=0', '--group=0', '--transform', 's,^\\.,package,', '-C', folder, '.'], {
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`tar of ${folder} failed: ${r.stderr}`);
  return r.stdout;
}

const compareVersions = (a, b) => {
  const [ma, pa = ''] = a.split('-', 2);
  const [mb, pb = ''] = b.split('-', 2);
  const na = ma.split('.').map(Number);
  const nb = mb.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((na[i] ?? 0) !== (nb[i] ?? 0)) return (na[i] ?? 0) - (nb[i] ?? 0);
  if (pa === pb) return 0;
  if (!pa) return 1; // a release sorts above its prereleases
  if (!pb) return -1;
  return pa < pb ? -1 : 1;
};

const LOCK_MANIFEST_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu', 'license', 'hasInstallScript', 'deprecated'];

/**
 * name -> version -> { manifest, integrity, tarball?() } from a lockfile. The manifest is the
 * installed package.json when the installed folder holds that version, else the lock entry's fields.
 */
export function loadLock(lockPath, cacheDir = npmCacheDir()) {
  const root = dirname(lockPath);
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const packages = new Map();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!key || entry.link || !entry.version || !entry.integrity) continue; // the root, links, non-registry entries
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const versions = packages.get(name) ?? new Map();
    packages.set(name, versions);
    if (versions.has(entry.version)) continue;
    const folder = join(root, key);
    let manifest;
    let installedHere = false;
    try {
      const installed = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
      if (installed.name === name && installed.version === entry.version) [manifest, installedHere] = [installed, true];
    } catch {
      // not installed here (another platform's optional package, or a dev package in a production install)
    }
    if (!manifest) {
      manifest = { name, version: entry.version };
      for (const f of LOCK_MANIFEST_FIELDS) if (entry[f] !== undefined) manifest[f] = entry[f];
    } else if (entry.hasInstallScript) manifest.hasInstallScript = true;
    let integrity = entry.integrity;
    let bytes = fromCache(cacheDir, entry.integrity);
    if (!bytes && installedHere) {
      // Not cached: the installed folder packed again. Its integrity differs from the lock's, so only
      // installs that resolve ranges (not ones that follow this lockfile) can take it.
      bytes = packFolder(folder);
      integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    }
    versions.set(entry.version, { manifest, integrity, bytes });
  }
  return packages;
}

export function startRegistry(lockPath, logDir) {
  const packages = loadLock(lockPath);
  // The request line is logged as data into two fixed files of the test's own log folder.
  const miss = (req, why) => appendFileSync(join(logDir, 'misses.log'), `${req.method} ${req.url} (${why})\n`); // mso:allow fixed log file of a loopback test server
  const served = (req) => appendFileSync(join(logDir, 'served.log'), `${req.method} ${req.url}\n`); // mso:allow fixed log file of a loopback test server
  const server = createServer((req, res) => {
    const base = `http://${req.headers.host}`;
    const path = decodeURIComponent(new URL(req.url ?? '/', base).pathname);
    const notFound = (why) => {
      miss(req, why);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `not in the loopback registry: ${why}` })); // mso:allow JSON for npm, a fixed reason
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound('method');
    const tarball = /^\/((?:@[^/]+\/)?[^/@]+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(path);
    if (tarball) {
      const v = packages.get(tarball[1])?.get(tarball[2]);
      if (!v?.bytes) return notFound('tarball');
      served(req);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': v.bytes.length });
      return res.end(req.method === 'HEAD' ? undefined : v.bytes); // mso:allow tarball bytes from npm's cache, octet-stream
    }
    const name = path.slice(1);
    const versions = packages.get(name);
    if (!versions) return notFound('package');
    const unscoped = name.slice(name.lastIndexOf('/') + 1);
    const entries = [...versions].map(([version, v]) => [version, { ...v.manifest, dist: { integrity: v.integrity, tarball: `${base}/${name}/-/${unscoped}-${version}.tgz` } }]);
    const doc = { name, 'dist-tags': {}, versions: Object.fromEntries(entries) };
    const releases = [...versions.keys()].filter((v) => !v.includes('-'));
    doc['dist-tags'].latest = (releases.length ? releases : [...versions.keys()]).sort(compareVersions).pop();
    const body = JSON.stringify(doc);
    served(req);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [lockPath, logDir] = process.argv.slice(2);
  if (!lockPath || !logDir) {
    process.stderr.write('usage: node npm-registry-server.mjs <package-lock.json> <log-dir>\n');
    process.exit(2);
  }
  const server = await startRegistry(lockPath, logDir);
  process.stdout.write(`${server.address().port}\n`);
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
