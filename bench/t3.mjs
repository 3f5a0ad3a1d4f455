import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const Parser = require('tree-sitter'); const Python = require('tree-sitter-python');
const src = require('fs').readFileSync('/tmp/big.py', 'utf8');
const p = new Parser(); p.setLanguage(Python);
const { parsePython } = await import('/work/wt/python/dist/scanners/python/syntax.js');
for (let i = 0; i < 4; i++) {
  let t0 = performance.now(); const t = p.parse(src); let t1 = performance.now();
  parsePython(src); let t2 = performance.now();
  console.log('parse', (t1 - t0).toFixed(0), 'parse+copy', (t2 - t1).toFixed(0));
}
