// Times the Python scanner on a generated 5,000-line module: in-process (parse + analysis) and
// through the engine as a staged change (`mso scan` in a git repo, process start included).
//   npm run build && node bench/python.bench.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A realistic mix: Flask handlers, a data layer, helpers; some vulnerable, most not. */
export function makeModule(lines) {
  const out = [
    'import os, subprocess, hashlib, sqlite3, json',
    'from flask import Flask, request, jsonify, render_template',
    'app = Flask(__name__)',
    'TABLE = "items"',
    '',
  ];
  let i = 0;
  while (out.length < lines) {
    const n = i++;
    out.push(
      `@app.route("/items/${n}")`,
      `def handler_${n}():`,
      `    q = request.args.get("q", "")`,
      `    page = int(request.args.get("page", 1))`,
      `    db = sqlite3.connect("app.db")`,
      `    rows = db.execute("SELECT * FROM " + TABLE + " WHERE name = ? LIMIT 10 OFFSET %d" % page, (q,)).fetchall()`,
      `    data = {"rows": [dict(r) for r in rows], "q": q, "n": ${n}}`,
      `    for k, v in data.items():`,
      `        if k.startswith("r") and v:`,
      `            data[k] = sorted(v, key=lambda r: r.get("name", ""))`,
      n % 10 === 0 ? `    db.execute(f"DELETE FROM {TABLE} WHERE name = '{q}'")` : `    db.commit()`,
      `    return jsonify(data)`,
      ``,
      `def helper_${n}(path, items):`,
      `    total = sum(len(str(x)) for x in items)`,
      `    with open(os.path.join("/srv", "static", "f${n}.json")) as fh:`,
      `        cfg = json.load(fh)`,
      `    digest = hashlib.sha256(json.dumps(cfg).encode()).hexdigest()`,
      `    return {"total": total, "digest": digest, "path": path}`,
      ``,
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const text = makeModule(5000);
const { createPythonScanner } = await import(join(root, 'dist/scanners/python/index.js'));
const { readRuleFiles } = await import(join(root, 'dist/config/rule-files.js'));
const scanner = await createPythonScanner(readRuleFiles(join(root, 'rules'), ['python'], ['secrets', 'python'], false));
const times = [];
const cpu = [];
let findings = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  findings = (await scanner.scan({ path: 'big.py', text })).length;
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  times.push(performance.now() - t0);
}
const first = times[0];
const firstCpu = cpu[0];
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(
  `in-process, 5,000 lines (${(text.length / 1024).toFixed(0)} KB): ${findings} findings; wall first ${first.toFixed(0)} ms, median ${times[2].toFixed(0)} ms, best ${times[0].toFixed(0)} ms; cpu first ${firstCpu.toFixed(0)} ms, median ${cpu[2].toFixed(0)} ms`,
);

const dir = mkdtempSync(join(tmpdir(), 'mso-bench-'));
try {
  const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('config', 'user.email', 'b@example.invalid');
  git('config', 'user.name', 'bench');
  writeFileSync(join(dir, 'big.py'), text);
  git('add', 'big.py');
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'scan', '--scanner', 'python', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  const ms = performance.now() - t0;
  const report = JSON.parse(res.stdout);
  console.log(`staged 5,000-line change through mso scan: ${report.findings.length} findings, engine ${report.stats.durationMs} ms, wall ${ms.toFixed(0)} ms (process start included)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
