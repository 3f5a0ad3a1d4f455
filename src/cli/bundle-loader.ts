import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';
import { writeFileAtomicQuietly } from '../core/atomic-write.js';

/**
 * Loads one of the build's single-file CommonJS bundles (dist/cli/hook-<name>.cjs, see
 * scripts/build.mjs) with a V8 code cache beside it, so that a hook that git or Claude Code
 * starts hundreds of times a day neither links a graph of ES modules nor compiles its code again
 * (Node 20 has no module compile cache; docs/benchmarks.md "Start-up").
 *
 * The cache (`<bundle>.v8cache`) is written next to the bundle after a run that had none, or whose
 * cache V8 rejected (another Node version or V8 flags). It lives under the package and never in a
 * per-user folder: whoever can write it can equally rewrite the bundle, so it trusts nothing that
 * the code itself does not. It starts with a key line naming the Node version and the bundle
 * file's identity (inode, size, change time: any rewrite of the bundle, a rebuild or a reinstall,
 * changes it), so a cache from another build is never used (V8 itself checks only the source's
 * length). A key, not a hash of the source: hashing 700 KB would load node:crypto, a tenth of a
 * bare Node start-up. Every cache problem (missing, stale, corrupt, unwritable folder) only costs
 * the compile. The build deletes old caches (scripts/build.mjs).
 */
export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** used: V8 took the cache; rejected: V8 refused it (other flags or Node); none: no cache for this build (or MSO_CODE_CACHE=0). */
  cache: 'used' | 'rejected' | 'none';
  /**
   * Writes the code cache if this run had no usable one, or ran a part (`ran`: code-paths.ts names)
   * the cache was not written with; never throws. Call after the work, so lazily compiled functions
   * are in it (a cache written after using one holds its functions and this run's).
   */
  saveCache(ran?: readonly string[]): void;
}

/**
 * undefined: the bundle is not there (running from a build without it); the caller uses the module graph.
 * `cacheTag`: one cache per tag (e.g. per command of the full CLI bundle, whose commands run different code).
 */
export function loadBundle(file: string, cacheTag?: string): LoadedBundle | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let source: string;
  let key: Buffer;
  try {
    const st = fstatSync(fd, { bigint: true });
    key = Buffer.from(`mso-v8cache2 ${process.version} ${process.arch} ${st.dev}:${st.ino} ${st.size} ${st.ctimeNs} ${st.mtimeNs}\n`);
    source = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const cacheFile = cacheTag ? `${file}.${cacheTag}.v8cache` : `${file}.v8cache`;
  // MSO_CODE_CACHE=0: neither read nor write it (to measure what it buys; docs/benchmarks.md).
  const enabled = process.env.MSO_CODE_CACHE !== '0';
  let cachedData: Buffer | undefined;
  // The parts of mso the runs that wrote the cache ran (second line: `ran a,b`; see saveCache).
  let cachedRan: string[] = [];
  if (enabled) {
    try {
      const data = readFileSync(cacheFile);
      const eol = data.indexOf(10, key.length);
      if (eol > 0 && key.equals(data.subarray(0, key.length)) && data.subarray(key.length, key.length + 4).toString('latin1') === 'ran ') {
        cachedRan = data.subarray(key.length + 4, eol).toString('latin1').split(',').filter(Boolean);
        cachedData = data.subarray(eol + 1);
      }
    } catch {
      // no cache yet
    }
  }
  // The same wrapper as Node's CommonJS loader, so the bundle sees the usual module variables.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    // The bundles turn import() into require(); should one remain, it resolves as in any module.
    importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const usable = cache === 'used';
  return {
    exports: module.exports,
    cache,
    saveCache(ran: readonly string[] = []) {
      const known = usable ? new Set(cachedRan) : new Set<string>();
      const covered = usable && ran.every((r) => known.has(r));
      // A run that changed V8's flags (scan-file.ts exposes gc in bulk scans) would write a cache later runs reject.
      if (covered || !enabled || (globalThis as { __msoFlagsChanged?: boolean }).__msoFlagsChanged) return;
      for (const r of ran) if (/^[a-z0-9-]+$/.test(r)) known.add(r);
      // atomic: a concurrent hook reads the old cache or the new one, never half of one
      writeFileAtomicQuietly(cacheFile, Buffer.concat([key, Buffer.from(`ran ${[...known].sort().join(',')}\n`, 'latin1'), script.createCachedData()]));
    },
  };
}
