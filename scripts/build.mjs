// `npm run build`: type-check and compile with tsc (dist/ mirrors src/, which the tests and benches
// import), then bundle the CLI with esbuild so that `mso` (and every hook it runs) loads one
// module instead of a graph of ~150 (see docs/benchmarks.md), then scripts/postbuild.mjs.
//
// Everything this prints goes to stderr: pre-commit's node installer and `npm pack` read the
// tarball's file name from npm's standard output, so no build output may reach it.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);

// Old chunks would otherwise pile up from build to build (their names carry a content hash), and
// the hook bundles' code caches belong to the previous build (bundle-loader.ts would ignore them).
const bundleDir = join(root, 'dist', 'cli');
for (const f of readdirSync(bundleDir)) if (/^chunk-.*\.js$|\.v8cache$|\.tmp$/.test(f)) rmSync(join(bundleDir, f));
// The record of checked package files (src/core/verified-files.ts) belongs to the build it names.
rmSync(join(root, 'dist', 'verified-files.json'), { force: true });

const { build } = await import('esbuild');

/**
 * `import { z } from 'zod'` reaches zod through a namespace re-export that esbuild cannot
 * tree-shake: every file that does it pulls all of zod (580 KB, its locales included) into the
 * bundle and into every start-up that touches a schema. `import * as z from 'zod'` is the same
 * API (zod's documented form) and lets the bundle keep only what mso uses (~130 KB).
 */
const ZOD_IMPORT = /^import \{ z \} from 'zod';$/m;
/** Every source file of mso as esbuild loads it, with its `import { z } from 'zod';` replaced. */
const zodImportAs = (b, replacement) =>
  b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(args.path, 'utf8');
    return { contents: text.replace(new RegExp(ZOD_IMPORT.source, 'gm'), replacement), loader: 'ts' };
  });
const zodNamespace = {
  name: 'zod-namespace-import',
  setup: (b) => zodImportAs(b, "import * as z from 'zod';"),
};
/**
 * The CommonJS bundles (the hooks, the command line): zod initialised on the first schema built,
 * not when a module that names it loads. Every hook loads modules that import zod
 * (config/workspace.ts, the telemetry and baseline schemas) and most runs build no schema (the
 * build validated the built-in rules; most workspaces have no workspace.json). Initialising zod's
 * classes cost ~1 ms and ~200 KB of heap: a clean pretool 51.2 -> 49.4 ms with Node's own start at
 * 28 ms (docs/benchmarks.md, "Start-up, seventh pass"). In these bundles `z` is a proxy that loads,
 * on first use, a module re-exporting what mso's sources name as `z.<name>` (found in src/ here, so
 * a new one is covered by itself; were one missed, the schema using it would throw: fail closed).
 */
const lazyZod = {
  name: 'lazy-zod',
  setup(b) {
    zodImportAs(b, "import { lazyZod as z } from 'mso:lazy-zod';");
    b.onResolve({ filter: /^mso:(lazy-zod|zod-used)$/ }, (args) => ({ path: args.path, namespace: 'mso-zod' }));
    b.onLoad({ filter: /.*/, namespace: 'mso-zod' }, async (args) => {
      if (args.path === 'mso:lazy-zod') {
        return {
          contents: "let zod;\nexport const lazyZod = new Proxy({}, { get(_target, name) { zod ??= require('mso:zod-used'); return zod[name]; } });\n",
          loader: 'js',
          resolveDir: root,
        };
      }
      const { readFile, readdir } = await import('node:fs/promises');
      const names = new Set();
      for (const f of await readdir(join(root, 'src'), { recursive: true })) {
        if (!f.endsWith('.ts')) continue;
        const text = await readFile(join(root, 'src', f), 'utf8');
        if (!ZOD_IMPORT.test(text)) continue;
        // `z.string(` and `z\n  .looseObject(` alike.
        for (const m of text.matchAll(/\bz\s*\.\s*([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
      }
      const zod = await import('zod');
      const used = [...names].filter((n) => Object.hasOwn(zod, n)).sort();
      return { contents: `export { ${used.join(', ')} } from 'zod';\n`, loader: 'js', resolveDir: root };
    });
  },
};
// Packages left to node_modules, loaded only by the commands that use them: native modules and the large SDKs.
const external = ['tree-sitter', 'tree-sitter-python', '@anthropic-ai/sdk', '@anthropic-ai/sdk/*', '@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'];
const result = await build({
  metafile: true,
  absWorkingDir: root,
  // main.js: the `mso` binary. scan-worker.js: the --all worker thread, found next to the
  // engine's chunk by WorkerPool.workerScript() (so chunks live in the same folder).
  entryPoints: { main: 'src/cli/main.ts', 'scan-worker': 'src/engine/scan-worker.ts' },
  outdir: 'dist/cli',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  // Code behind a dynamic import() (each command's implementation, each scanner, dispatch, mcp)
  // becomes a chunk loaded only when that command runs.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace only: minifySyntax drops the names of function expressions, which the egress
  // guard's wrappers (and stack traces) rely on.
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [zodNamespace],
  external,
  // Bundled CommonJS packages (commander's core, micromatch) call require() for Node's own modules.
  banner: { js: "import { createRequire as __msoCreateRequire } from 'node:module'; const require = __msoCreateRequire(import.meta.url);" },
});

/**
 * One file per hook that git and Claude Code start on every commit and tool call
 * (dist/cli/hook-<name>.cjs), and one for the rest of the command line (dist/cli/program.cjs):
 * everything each can reach, lazily imported parts included, so that a run reads one file and
 * links nothing (the ES module build above stays for the --all worker thread and as a fallback). CommonJS, because src/cli/bundle-loader.ts runs
 * it through vm.Script with a V8 code cache, which Node 20 offers for scripts but not for ES
 * modules. `import.meta.url` (the package root, createRequire for tree-sitter) becomes the
 * bundle's own file URL.
 */
const hooks = await build({
  metafile: true,
  absWorkingDir: root,
  entryPoints: {
    ...Object.fromEntries(['pretool', 'posttool', 'pre-commit'].map((h) => [`hook-${h}`, `src/cli/hook-bundles/${h}.ts`])),
    // Every other command line (`mso scan --staged`, `mso init`, …): the whole CLI in one file.
    program: 'src/cli/program.ts',
    // The `mso` binary: entry.ts without the ES module loader (main.js stays, the same as a module).
    main: 'src/cli/main-cjs.ts',
  },
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyZod],
  external,
  // import() of the external packages (the SDKs) becomes require(): both ship CommonJS builds, and
  // a vm.Script's import() would need Node's experimental main-context loader.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__msoImportMetaUrl' },
  banner: { js: "var __msoImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// Which source modules each output file holds (what a hook ends up loading; docs/benchmarks.md).
const meta = { inputs: { ...result.metafile.inputs, ...hooks.metafile.inputs }, outputs: { ...result.metafile.outputs, ...hooks.metafile.outputs } };
writeFileSync(join(root, 'dist', 'bundle-meta.json'), JSON.stringify(meta));

run(process.execPath, [join(root, 'scripts', 'postbuild.mjs')]);
