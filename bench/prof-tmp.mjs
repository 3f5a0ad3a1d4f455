import { join } from 'node:path';
const root = '/work/wt/python';
const { createPythonScanner } = await import(join(root, 'dist/scanners/python/index.js'));
const { readRuleFiles } = await import(join(root, 'dist/config/rule-files.js'));
const { parsePython } = await import(join(root, 'dist/scanners/python/syntax.js'));
const src = (await import('node:fs')).readFileSync('/tmp/big.py', 'utf8');
const scanner = await createPythonScanner(readRuleFiles(join(root, 'rules'), ['python'], ['secrets', 'python'], false));
for (let i = 0; i < 3; i++) {
  let t0 = performance.now(); parsePython(src); let t1 = performance.now();
  await scanner.scan({ path: 'big.py', text: src }); let t2 = performance.now();
  console.log('parse+copy', (t1 - t0).toFixed(0), 'full scan', (t2 - t1).toFixed(0));
}
