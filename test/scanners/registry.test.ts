import { join } from 'node:path';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { CODE_SCANNER_EXTENSIONS, loadScanners, scannerNames, scannersForFiles } from '../../src/scanners/registry.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('scanner registry', () => {
  test("the code scanners' extensions, known without loading them, are the scanners' own", async () => {
    const scanners = await loadScanners({ scanners: scannerNames(), ruleDirs: [] });
    const own = Object.fromEntries(scanners.filter((s) => 'extensions' in s).map((s) => [s.name, [...(s as unknown as { extensions: string[] }).extensions].sort()]));
    expect(Object.fromEntries(Object.entries(CODE_SCANNER_EXTENSIONS).map(([k, v]) => [k, [...v].sort()]))).toEqual(own);
    // Every scanner that is not in the table reads every file.
    for (const s of scanners) if (!CODE_SCANNER_EXTENSIONS[s.name]) expect([s.accepts('a.py'), s.accepts('x'), s.accepts('a.min.js')]).toEqual([true, true, true]);
    expect(readRuleFiles(join(REPO_ROOT, 'rules'), ['python'], scannerNames(), false).length).toBeGreaterThan(0);
  });

  test.each([
    [['app/a.py'], ['secrets', 'python']],
    [['app/A.PYW'], ['secrets', 'python']],
    [['web/x.tsx', 'README'], ['secrets', 'js']],
    [['lib/m.MJS', 'x.py'], ['secrets', 'python', 'js']],
    [['.env', 'notes.txt', 'py', 'a.py.bak'], ['secrets']],
  ])('the scanners %j need: %j', (paths, expected) => {
    expect(scannersForFiles(paths)).toEqual(expected);
  });

  test('a file every scanner that accepts it is chosen for', async () => {
    const scanners = await loadScanners({ scanners: scannerNames(), ruleDirs: [] });
    for (const path of ['a.py', 'b.pyw', 'c.js', 'd.d.ts', 'e.cts', 'f.JSX', 'g.yaml', 'h', '.i.py']) {
      const accepting = scanners.filter((s) => s.accepts(path)).map((s) => s.name);
      for (const name of accepting) expect({ path, chosen: scannersForFiles([path]).includes(name) }).toEqual({ path, chosen: true });
    }
  });
});
