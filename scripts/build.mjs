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

// Old chunks would otherwise pile up from build to build (their names carry a content hash).
const bundleDir = join(root, 'dist', 'cli');
for (const f of readdirSync(bundleDir)) if (/^chunk-.*\.js$/.test(f)) rmSync(join(bundleDir, f));

const { build } = await import('esbuild');

/**
 * `import { z } from 'zod'` reaches zod through a namespace re-export that esbuild cannot
 * tree-shake: every file that does it pulls all of zod (580 KB, its locales included) into the
 * bundle and into every start-up that touches a schema. `import * as z from 'zod'` is the same
 * API (zod's documented form) and lets the bundle keep only what mso uses (~130 KB).
 */
const zodNamespace = {
  name: 'zod-namespace-import',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replace(/^import \{ z \} from 'zod';$/gm, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};
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
  // Native modules and the large SDKs stay in node_modules, loaded only by the commands that use them.
  external: ['tree-sitter', 'tree-sitter-python', '@anthropic-ai/sdk', '@anthropic-ai/sdk/*', '@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'],
  // Bundled CommonJS packages (commander's core, micromatch) call require() for Node's own modules.
  banner: { js: "import { createRequire as __msoCreateRequire } from 'node:module'; const require = __msoCreateRequire(import.meta.url);" },
});
// Which source modules each output file holds (what a hook ends up loading; docs/benchmarks.md).
writeFileSync(join(root, 'dist', 'bundle-meta.json'), JSON.stringify(result.metafile));

run(process.execPath, [join(root, 'scripts', 'postbuild.mjs')]);
