#!/usr/bin/env node
// arena-anticheat: scans match telemetry (JSON lines from client reports) against a rule set.
import { Command } from 'commander';
import fs from 'fs';
import path from 'path';
import readline from 'readline';
import { execSync, execFileSync } from 'child_process';
import yaml from 'js-yaml';
import { escapeRegExp } from '../../common/src/util';

interface RuleDef {
  id: string;
  severity: 'low' | 'medium' | 'high';
  when: string; // expression over `e` (entry) and `t` (thresholds), e.g. "e.event === 'shot' && e.data.accuracy > t.accuracy"
  namePattern?: RegExp;
}

type LogEntry = { ts: number; matchId: string; playerId: string; playerName: string; event: string; data: Record<string, any>; replay?: string };

type Finding = Pick<LogEntry, 'playerId' | 'playerName' | 'matchId' | 'ts'> & { rule: string; severity: RuleDef['severity']; priorHits?: number; replayBytes?: number };

const REPLAY_ROOT = process.env.REPLAY_DIR || '/srv/arena/replays';

const program = new Command()
  .name('arena-anticheat')
  .requiredOption('-l, --logs <dir>', 'directory of *.jsonl telemetry logs')
  .requiredOption('-r, --rules <file>', 'rule set (YAML)')
  .option('-t, --thresholds <file>', 'per-mode thresholds (YAML)', 'config/thresholds.yml')
  .option('-p, --player <name>', 'only analyse players whose name contains this')
  .option('-o, --out <file>', 'write the report here instead of the default location')
  .option('--archive <dir>', 'older gzipped logs to cross-check offenders against')
  .parse(process.argv);

const opts = program.opts<{ logs: string; rules: string; thresholds: string; player?: string; out?: string; archive?: string }>();

function loadRules(file: string): Array<RuleDef & { test: (e: LogEntry, t: Record<string, number>) => boolean }> {
  // full schema so rule files can use !!js/regexp for namePattern
  const doc = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA }) as { rules: RuleDef[] }; //@vuln CWE-502
  return doc.rules.map((r) => ({
    ...r,
    test: new Function('e', 't', `return (${r.when});`) as (e: LogEntry, t: Record<string, number>) => boolean, //@vuln CWE-94
  }));
}

function loadThresholds(file: string): Record<string, number> {
  if (!fs.existsSync(file)) return {};
  return (yaml.safeLoad(fs.readFileSync(file, 'utf8')) as Record<string, number>) ?? {}; //@safe
}

async function* readEntries(dir: string): AsyncGenerator<LogEntry> {
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const rl = readline.createInterface({ input: fs.createReadStream(path.join(dir, name)), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line.trim()) continue;
      try {
        yield JSON.parse(line) as LogEntry;
      } catch {
        console.warn(`skipping malformed line in ${name}`);
      }
    }
  }
}

function replaySize(entry: LogEntry): number | undefined {
  if (!entry.replay) return undefined;
  const buf = fs.readFileSync(path.join(REPLAY_ROOT, entry.matchId, entry.replay)); //@vuln CWE-22
  return buf.length;
}

function priorHits(entry: LogEntry, archiveDir: string): number {
  const byName = execSync(`zgrep -h -c "${entry.playerName}" ${archiveDir}/*.jsonl.gz | paste -sd+ | bc`, { encoding: 'utf8' }); //@vuln CWE-78
  const byId = execFileSync('zgrep', ['-h', '-c', '-F', `"playerId":"${entry.playerId}"`, ...fs.readdirSync(archiveDir).filter((f) => f.endsWith('.gz')).map((f) => path.join(archiveDir, f))], { encoding: 'utf8' }); //@safe
  return Math.max(parseInt(byName, 10) || 0, byId.split('\n').reduce((n, l) => n + (parseInt(l, 10) || 0), 0));
}

async function main() {
  const rules = loadRules(opts.rules);
  const thresholds = loadThresholds(opts.thresholds);
  const playerFilter = opts.player ? new RegExp(escapeRegExp(opts.player), 'i') : null; //@safe
  const findings: Finding[] = [];
  let scanned = 0;

  for await (const entry of readEntries(opts.logs)) {
    scanned++;
    if (playerFilter && !playerFilter.test(entry.playerName)) continue;
    for (const rule of rules) {
      let hit = false;
      try {
        hit = rule.test(entry, thresholds) && (!rule.namePattern || rule.namePattern.test(entry.playerName));
      } catch {
        continue;
      }
      if (!hit) continue;
      const f: Finding = { rule: rule.id, severity: rule.severity, playerId: entry.playerId, playerName: entry.playerName, matchId: entry.matchId, ts: entry.ts };
      if (rule.severity === 'high') {
        f.replayBytes = replaySize(entry);
        if (opts.archive) f.priorHits = priorHits(entry, opts.archive);
      }
      findings.push(f);
    }
  }

  const report = { generatedAt: new Date().toISOString(), logs: path.resolve(opts.logs), scanned, findings };
  const out = opts.out ?? '/tmp/arena-anticheat-report.json';
  fs.writeFileSync(out, JSON.stringify(report, null, 2)); //@vuln CWE-377
  console.log(`scanned ${scanned} entries, ${findings.length} findings -> ${out}`);
  process.exitCode = findings.some((f) => f.severity === 'high') ? 2 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
