// Benchmark: the median time per `mso hook pretool` call, as Claude Code makes
// it (the built CLI spawned per call, the payload on stdin), for typical
// payloads; and mso's own work inside that call (MSO_HOOK_TIMING=1: from the
// hook's entry to its decision, covering module loading, rules and the scan).
// Run: npm run build && node bench/agent-hooks.bench.mjs  (MSO_BENCH_RUNS=N to change the sample size)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const { base62, crc32 } = await import(join(root, 'dist', 'scanners', 'secrets', 'checksums.js'));
const runs = Math.max(3, Number(process.env.MSO_BENCH_RUNS ?? process.env.BENCH_RUNS) || 7);
// bench/run.mjs gives each benchmark 120 s: on a busy machine, sample less rather than be killed.
const BUDGET_MS = 80_000;
const benchStart = performance.now();

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (n) => [...randomBytes(n)].map((b) => ALNUM[b % 62]).join('');
const githubToken = () => {
  const r = alnum(30);
  return `ghp_${r}${base62(crc32(r), 6)}`;
};

const ws = mkdtempSync(join(tmpdir(), 'mso-bench-hooks-'));
spawnSync('git', ['init', '-q', ws]);
const pyFile = join(ws, 'app', 'service.py');
const pySource = Array.from({ length: 120 }, (_, i) => `def handler_${i}(request):\n    return {"id": ${i}, "ok": True}\n`).join('\n');
writeFileSync(join(ws, 'settings.py'), 'DEBUG = False\nTIMEOUT = 30\n');
// The MCP servers called below, configured and classified low, so the MCP risk registry lets them through.
writeFileSync(join(ws, '.mcp.json'), JSON.stringify({ mcpServers: { github: { command: 'npx', args: ['-y', '@acme/github-mcp@1.0.0'] }, slack: { command: 'npx', args: ['-y', '@acme/slack-mcp@1.0.0'] } } }));
mkdirSync(join(ws, '.mso'));
writeFileSync(join(ws, '.mso', 'mcp.json'), JSON.stringify({ classifications: { 'npm:@acme/github-mcp': { level: 'low', reason: 'bench' }, 'npm:@acme/slack-mcp': { level: 'low', reason: 'bench' } } }));

const base = { session_id: 'bench', transcript_path: '/tmp/t.jsonl', cwd: ws, permission_mode: 'default' };
const pre = (tool_name, tool_input) => ({ ...base, hook_event_name: 'PreToolUse', tool_name, tool_input });
const cases = [
  ['Bash, clean', pre('Bash', { command: 'npm test -- --runInBand', description: 'Run tests' }), 0],
  ['Bash, token in a header', pre('Bash', { command: `curl -H "Authorization: token ${githubToken()}" https://api.github.com/user` }), 2],
  ['Write, 5 KB Python, clean', pre('Write', { file_path: pyFile, content: pySource }), 0],
  ['Edit, clean', pre('Edit', { file_path: join(ws, 'settings.py'), old_string: 'TIMEOUT = 30', new_string: 'TIMEOUT = 60' }), 0],
  ['MCP, nested, clean', pre('mcp__github__create_issue', { owner: 'acme', repo: 'web', title: 'Bug', body: 'Steps\n1. a\n2. b', labels: ['bug'], meta: { n: 1 } }), 0],
  ['MCP, nested, secret', pre('mcp__slack__post', { channel: 'C1', blocks: [{ text: { text: `token ${githubToken()}` } }] }), 2],
  ['UserPromptSubmit, clean', { ...base, hook_event_name: 'UserPromptSubmit', prompt: 'Refactor the billing module and add tests' }, 0],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// What Node itself takes to start and stop (wall, and CPU of the whole process), for reference.
const nodeStart = [];
const nodeCpu = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-e', 'const c = process.cpuUsage(); process.stdout.write(String((c.user + c.system) / 1000))'], { encoding: 'utf8' });
  nodeStart.push(performance.now() - t);
  nodeCpu.push(Number(r.stdout));
}

let wrong = 0;
const rows = [];
for (const [name, payload, expected] of cases) {
  const input = JSON.stringify(payload);
  const wall = [];
  const work = [];
  const cpu = [];
  const share = (BUDGET_MS - (performance.now() - benchStart)) / (cases.length - rows.length);
  const caseStart = performance.now();
  for (let i = 0; i < runs && (i < 3 || performance.now() - caseStart < share); i++) {
    const t = performance.now();
    const res = spawnSync(process.execPath, [cli, 'hook', 'pretool'], { input, encoding: 'utf8', cwd: ws, env: { ...process.env, MSO_HOOK_TIMING: '1' } });
    wall.push(performance.now() - t);
    if (res.status !== expected) {
      wrong++;
      console.error(`agent-hooks bench: ${name}: exit ${res.status}, expected ${expected}: ${res.stderr.trim().split('\n')[0]}`);
    }
    const m = /mso-timing (\{.*\})/.exec(res.stderr);
    if (m) {
      work.push(JSON.parse(m[1]).workMs);
      cpu.push(JSON.parse(m[1]).processCpuMs);
    }
  }
  rows.push({ name, n: wall.length, wall: median(wall), work: work.length ? median(work) : NaN, cpu: cpu.length ? median(cpu) : NaN, expected });
}
rmSync(ws, { recursive: true, force: true });

console.log(`agent hooks: mso hook pretool, median of up to ${runs} calls per payload (built CLI spawned per call; n = calls made)`);
console.log('  per call: wall time of the whole process; mso work: wall time from the hook entry to its decision;');
console.log('  cpu: CPU time (user+system) of the whole process, the figure least distorted by a busy machine');
console.log(`  ${'payload'.padEnd(28)} ${'exit'.padStart(4)} ${'n'.padStart(3)} ${'per call'.padStart(10)} ${'mso work'.padStart(10)} ${'cpu'.padStart(10)}`);
const ms = (x) => `${x.toFixed(1).padStart(8)}ms`;
for (const r of rows) console.log(`  ${r.name.padEnd(28)} ${String(r.expected).padStart(4)} ${String(r.n).padStart(3)} ${ms(r.wall)} ${ms(r.work)} ${ms(r.cpu)}`);
console.log(`  ${'(node -e 0, for reference)'.padEnd(28)} ${''.padStart(4)} ${String(runs).padStart(3)} ${ms(median(nodeStart))} ${''.padStart(10)} ${ms(median(nodeCpu))}`);
console.log(`  median over all payloads: per call ${median(rows.map((r) => r.wall)).toFixed(1)}ms, mso work ${median(rows.map((r) => r.work)).toFixed(1)}ms, cpu ${median(rows.map((r) => r.cpu)).toFixed(1)}ms`);
if (wrong) {
  console.error(`agent-hooks bench: ${wrong} call(s) ended with the wrong exit code`);
  process.exitCode = 1;
}
