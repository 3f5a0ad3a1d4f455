#!/usr/bin/env node
// Secret-scanner accuracy on a labelled corpus generated at run time.
//
//   npm run build && node scripts/eval-secrets.mjs [--seed N] [--keep] [--no-secretlint] [--misses] [--out DIR]
//
// Writes a temporary corpus (every value generated now, from a seeded PRNG),
// labels each line where a secret starts with its kind, runs the built CLI
// (`mso scan --all --format sarif`) and, for reference, secretlint with its
// recommended preset, then prints line-level recall and precision per kind.
// A finding counts on the line where it starts (SARIF region.startLine).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng, makeTokens, ALNUM, HEX } from './eval-secrets/tokens.mjs';
import { P, SYNTAX, families, negativeFiles, specialPositives } from './eval-secrets/corpus.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const seed = Number(opt('--seed', String(Date.now() % 1e9)));
const r = makeRng(seed);
const t = makeTokens(r);

// ------------------------------------------------------------ corpus
const PATHS = {
  py: (i) => [`src/app/settings_${i}.py`, `scripts/job_${i}.py`, `tests/integration/conftest_${i}.py`][i % 3],
  js: (i) => [`src/config_${i}.js`, `server/routes/auth_${i}.js`, `scripts/seed_${i}.cjs`][i % 3],
  ts: (i) => [`src/lib/client_${i}.ts`, `apps/web/env_${i}.ts`][i % 2],
  go: (i) => `internal/config/config_${i}.go`,
  java: (i) => `src/main/java/com/acme/Settings${i}.java`,
  rb: (i) => [`config/initializers/keys_${i}.rb`, `lib/tasks/sync_${i}.rake`][i % 2],
  cs: (i) => `src/Acme.Api/Secrets${i}.cs`,
  php: (i) => `config/app_${i}.php`,
  env: (i) => [`.env`, `services/api/.env.production`, `deploy/.env.staging`, `docker/app_${i}.env`, `config/.env.local`][i % 5] + (i >= 5 ? `.${i}` : ''),
  yaml: (i) => [`config/app_${i}.yaml`, `deploy/values-${i}.yml`, `.circleci/config_${i}.yml`][i % 3],
  json: (i) => [`config/secrets_${i}.json`, `appsettings.Production${i}.json`][i % 2],
  toml: (i) => [`config/app_${i}.toml`, `.streamlit/secrets_${i}.toml`][i % 2],
  ini: (i) => [`config/app_${i}.ini`, `setup_${i}.cfg`, `conf/service_${i}.conf`][i % 3],
  properties: (i) => `src/main/resources/application-${i}.properties`,
  tf: (i) => `infra/env${i}/main.tf`,
  sh: (i) => [`scripts/deploy_${i}.sh`, `bin/bootstrap_${i}.sh`][i % 2],
  Dockerfile: (i) => `docker/svc${i}/Dockerfile`,
  xml: (i) => [`src/Web.config.${i}.xml`, `config/settings_${i}.xml`][i % 2],
  md: (i) => `docs/setup_${i}.md`,
  ipynb: (i) => `notebooks/exp_${i}.ipynb`,
};

const FILLER = {
  py: ['import os', 'import logging', '', 'log = logging.getLogger(__name__)', 'TIMEOUT = 30', 'def handler(event, context):', '    return {"status": 200}'],
  js: ["'use strict';", "const express = require('express');", 'const app = express();', 'app.listen(3000);', 'module.exports = app;'],
  ts: ["import { z } from 'zod';", 'export const PORT = 8080;', 'export function ping(): string {', "  return 'pong';", '}'],
  go: ['package config', '', 'import "os"', '', 'func init() {', '\t_ = os.Getenv("HOME")', '}'],
  java: ['package com.acme;', '', 'public class Settings {', '    private int timeout = 30;', '}'],
  rb: ["require 'json'", 'Rails.application.configure do', '  config.cache_classes = true', 'end'],
  cs: ['using System;', 'namespace Acme.Api {', '    public static class Settings {', '    }', '}'],
  php: ['<?php', 'return [', "    'debug' => false,", '];'],
  env: ['NODE_ENV=production', 'PORT=8080', 'LOG_LEVEL=info', '# secrets below'],
  yaml: ['app:', '  name: orders', '  replicas: 3', 'logging:', '  level: info'],
  json: ['{', '  "name": "orders",', '  "port": 8080,', '  "debug": false', '}'],
  toml: ['[server]', 'port = 8080', 'host = "0.0.0.0"'],
  ini: ['[server]', 'port = 8080', 'workers = 4'],
  properties: ['server.port=8080', 'spring.application.name=orders', 'logging.level.root=INFO'],
  tf: ['provider "aws" {', '  region = "eu-west-1"', '}', 'variable "api_key" {', '  type = string', '}'],
  sh: ['#!/usr/bin/env bash', 'set -euo pipefail', 'cd "$(dirname "$0")"'],
  Dockerfile: ['FROM node:20-alpine', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci --omit=dev'],
  xml: ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '  <appSettings>'],
  md: ['# Setup', '', 'Run the service locally:'],
};

// Safe lines written in each syntax: references and placeholders, with the same names.
const REFERENCES = {
  py: (n) => [`${n} = os.environ["${n}"]`, `${n.toLowerCase()} = os.getenv("${n}")`, `${n.toLowerCase()} = settings.${n}`],
  js: (n) => [`const ${n} = process.env.${n};`, `const ${n.toLowerCase()} = process.env["${n}"] || '';`],
  ts: (n) => [`export const ${n} = process.env.${n} ?? '';`],
  go: (n) => [`\tv := os.Getenv("${n}")`],
  java: (n) => [`    private final String v = System.getenv("${n}");`],
  rb: (n) => [`${n} = ENV['${n}']`, `${n} = ENV.fetch('${n}')`],
  cs: (n) => [`            var v = Environment.GetEnvironmentVariable("${n}");`],
  php: (n) => [`$v = getenv('${n}');`, `    '${n.toLowerCase()}' => env('${n}'),`],
  env: (n) => [`${n}=\${${n}_FROM_VAULT}`, `${n}=`],
  yaml: (n) => [`  ${n.toLowerCase()}: \${${n}}`, `  ${n.toLowerCase()}: "{{ secrets.${n} }}"`],
  json: (n) => [`  "${n.toLowerCase()}": "\${${n}}",`],
  toml: (n) => [`${n.toLowerCase()} = "\${${n}}"`],
  ini: (n) => [`${n.toLowerCase()} = %(${n})s`],
  properties: (n) => [`${n.toLowerCase().replace(/_/g, '.')}=\${${n}}`],
  tf: (n) => [`  ${n.toLowerCase()} = var.${n.toLowerCase()}`],
  sh: (n) => [`export ${n}="\${${n}:?missing}"`, `${n}=$(cat /run/secrets/${n.toLowerCase()})`],
  Dockerfile: (n) => [`ARG ${n}`, `ENV ${n}=\${${n}}`],
  xml: (n) => [`    <add key="${n}" value="$(${n})" />`],
};
const PLACEHOLDERS = ['your-api-key-here', '<TOKEN>', 'changeme', 'xxxxxxxxxxxxxxxxxxxxxxxx', 'REPLACE_ME', '<your-secret>', 'TODO', '********', 'dummy-value-for-tests'];

const files = []; // { path, items, crlf }
const fams = families(t, r);
const syntaxTypes = Object.keys(SYNTAX);
const counters = {};
const nextIndex = (type) => (counters[type] = (counters[type] ?? 0) + 1) - 1;

// Every family appears in every syntax at least once; files hold 3-5 families each.
for (const type of [...syntaxTypes, 'md', 'ipynb']) {
  const order = [...fams].sort(() => r.next() - 0.5);
  for (let start = 0; start < order.length; ) {
    const take = 3 + r.int(3);
    const group = order.slice(start, start + take);
    start += take;
    const base = type === 'md' ? 'env' : type === 'ipynb' ? 'py' : type;
    const body = [];
    for (const f of group) {
      const name = r.pick(f.names);
      const syntax = r.pick(SYNTAX[base]);
      const value = f.value();
      const lines = syntax(name, value).split('\n');
      // A multi-line form (a Terraform variable block) is labelled on the line holding the value.
      for (const line of lines) body.push(line.includes(value) ? P(f.kind, line) : line);
      if (r.next() < 0.6) body.push(r.pick(REFERENCES[base](name.toUpperCase())));
      if (r.next() < 0.4) body.push(r.pick(SYNTAX[base])(name, r.pick(PLACEHOLDERS)));
      if (r.next() < 0.3) body.push(r.pick(FILLER[base] ?? ['']));
    }
    let items;
    if (type === 'md') {
      items = [...FILLER.md, '', '```bash', ...body, '```', '', 'Then run `make dev`.'];
    } else if (type === 'ipynb') {
      const cell = body.map((it, i) => {
        const last = i === body.length - 1;
        const wrap = (line) => `    ${JSON.stringify(line + (last ? '' : '\n'))}${last ? '' : ','}`;
        return typeof it === 'string' ? wrap(it) : P(it.kind, wrap(it.lines[0]));
      });
      items = ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "execution_count": 3,', '   "metadata": {},', '   "outputs": [],', '   "source": [', ...cell, '   ]', '  }', ' ],', ' "nbformat": 4,', ' "nbformat_minor": 5', '}'];
    } else if (type === 'json') {
      items = ['{', '  "service": "orders",', ...body.map((it) => (typeof it === 'string' ? it.replace(/,?$/, ',') : P(it.kind, it.lines[0].replace(/,?$/, ',')))), '  "port": 8080', '}'];
    } else if (type === 'xml') {
      items = [...FILLER.xml, ...body, '  </appSettings>', '</configuration>'];
    } else {
      const filler = FILLER[base];
      const cut = 1 + r.int(filler.length - 1);
      items = [...filler.slice(0, cut), ...body, ...filler.slice(cut)];
    }
    const i = nextIndex(type);
    files.push({ path: PATHS[type](i), items, crlf: r.next() < 0.1 });
  }
}
const special = specialPositives(t, r);
for (const f of special.files) files.push({ path: f.path, items: f.lines, crlf: !!f.crlf });
for (const f of negativeFiles(t, r)) files.push({ path: f.path, items: f.lines, crlf: !!f.crlf });

// ------------------------------------------------------------ write + labels
const dir = opt('--out') ?? mkdtempSync(join(tmpdir(), 'mso-eval-'));
const labels = new Map(); // "path:line" -> kind
const seenPaths = new Set();
let totalLines = 0;
for (const f of files) {
  let path = f.path;
  while (seenPaths.has(path)) path = path.replace(/(\.[^./]+)?$/, (ext) => `_${r.int(1000)}${ext}`);
  seenPaths.add(path);
  const out = [];
  for (const it of f.items) {
    if (typeof it === 'string') out.push(...it.split('\n'));
    else {
      labels.set(`${path}:${out.length + 1}`, it.kind);
      out.push(...it.lines);
    }
  }
  totalLines += out.length;
  const abs = join(dir, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, out.join(f.crlf ? '\r\n' : '\n') + (f.crlf ? '\r\n' : '\n'));
}

// ------------------------------------------------------------ scanners
const RULE_KIND = [
  [/^aws-/, 'aws'], [/^github/, 'github'], [/^openai/, 'openai'], [/^anthropic/, 'anthropic'], [/^slack/, 'slack'],
  [/^jwt/, 'jwt'], [/^private-key/, 'private-key'], [/^stripe/, 'stripe'], [/^gcp/, 'gcp'], [/^npm/, 'npm'], [/^pypi/, 'pypi'],
  [/^database-url/, 'database-url'], [/password/, 'generic-password'], [/^generic/, 'generic-secret'], [/^azure/, 'azure'],
  [/^twilio/, 'twilio'], [/^sendgrid/, 'sendgrid'], [/^mailgun/, 'mailgun'], [/^huggingface/, 'huggingface'], [/^gitlab/, 'gitlab'],
  [/^digitalocean/, 'digitalocean'], [/^shopify/, 'shopify'], [/^heroku/, 'heroku'], [/^discord/, 'discord'], [/^telegram/, 'telegram'],
  [/^atlassian/, 'atlassian'], [/^datadog/, 'datadog'], [/basic-auth|url-credentials/, 'basic-auth'], [/header|bearer/, 'auth-header'],
];
const kindOfRule = (id) => (RULE_KIND.find(([re]) => re.test(id)) ?? [null, 'other'])[1];

function runMso() {
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  const started = Date.now();
  const res = spawnSync(process.execPath, [cli, 'scan', '--all', '--format', 'sarif'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (res.status === 2 || !res.stdout) throw new Error(`mso failed (exit ${res.status}): ${res.stderr}`);
  const sarif = JSON.parse(res.stdout);
  const found = [];
  for (const result of sarif.runs[0].results) {
    const loc = result.locations[0].physicalLocation;
    found.push({ path: decodeURIComponent(loc.artifactLocation.uri), line: loc.region.startLine, rule: result.ruleId });
  }
  return { found, ms: Date.now() - started };
}

function runSecretlint() {
  const rc = join(mkdtempSync(join(tmpdir(), 'mso-eval-rc-')), '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const bin = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const started = Date.now();
  // --output: secretlint exits before a large piped stdout is flushed
  const outFile = join(dirname(rc), 'report.json');
  const res = spawnSync(process.execPath, [bin, '**/*', '**/.*', '**/.*/**/*', '--format', 'json', '--secretlintrc', rc, '--no-maskSecrets', '--output', outFile], { cwd: dir, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
  const ms = Date.now() - started;
  let report;
  try {
    report = JSON.parse(readFileSync(outFile, 'utf8'));
  } catch (err) {
    throw new Error(`secretlint failed (exit ${res.status}, ${err.message}, ${res.stdout.length} bytes): ${res.stderr.slice(0, 2000)} ${res.stdout.slice(-300)}`);
  }
  const found = [];
  for (const file of report) {
    const path = file.filePath.startsWith(dir) ? file.filePath.slice(dir.length + 1) : file.filePath;
    for (const m of file.messages) found.push({ path, line: m.loc?.start?.line ?? m.line, rule: m.ruleId });
  }
  rmSync(dirname(rc), { recursive: true, force: true });
  return { found, ms };
}

function score(found, useRuleKinds) {
  const predicted = new Map(); // "path:line" -> kind of the rule
  for (const f of found) {
    const key = `${f.path}:${f.line}`;
    if (!predicted.has(key)) predicted.set(key, useRuleKinds ? kindOfRule(f.rule) : 'any');
  }
  const kinds = {};
  const k = (name) => (kinds[name] ??= { pos: 0, hit: 0, tp: 0, fp: 0 });
  for (const [key, kind] of labels) {
    k(kind).pos++;
    if (predicted.has(key)) k(kind).hit++;
  }
  const misses = [...labels].filter(([key]) => !predicted.has(key));
  const falsePositives = [];
  let tp = 0;
  let fp = 0;
  for (const [key, kind] of predicted) {
    if (labels.has(key)) {
      tp++;
      k(kind).tp++;
    } else {
      fp++;
      k(kind).fp++;
      falsePositives.push([key, kind]);
    }
  }
  const pos = labels.size;
  const hit = pos - misses.length;
  return { kinds, recall: hit / pos, precision: tp / (tp + fp || 1), tp, fp, pos, hit, misses, falsePositives };
}

const pct = (a, b) => (b ? (a / b).toFixed(3) : '  -  ');

const mso = runMso();
const msoScore = score(mso.found, true);
let sl;
if (!flag('--no-secretlint')) {
  try {
    const res = runSecretlint();
    sl = { ...res, score: score(res.found, false) };
  } catch (err) {
    console.error(String(err));
  }
}

const kindsAll = [...new Set([...labels.values()])].sort();
console.log(`corpus: ${files.length} files, ${totalLines} lines, ${labels.size} labelled secret lines, seed ${seed}`);
console.log(`mso ${mso.ms} ms${sl ? `, secretlint ${sl.ms} ms` : ''}\n`);
console.log(`${'kind'.padEnd(18)} ${'n'.padStart(4)}  ${'mso recall'.padStart(10)} ${'mso prec'.padStart(9)} ${'mso FP'.padStart(6)}${sl ? `  ${'sl recall'.padStart(9)}` : ''}`);
for (const kind of kindsAll) {
  const m = msoScore.kinds[kind];
  const s = sl?.score.kinds[kind];
  console.log(
    `${kind.padEnd(18)} ${String(m.pos).padStart(4)}  ${pct(m.hit, m.pos).padStart(10)} ${pct(m.tp, m.tp + m.fp).padStart(9)} ${String(m.fp).padStart(6)}${sl ? `  ${pct(s.hit, s.pos).padStart(9)}` : ''}`,
  );
}
for (const kind of Object.keys(msoScore.kinds).filter((k) => !kindsAll.includes(k))) {
  const m = msoScore.kinds[kind];
  console.log(`${kind.padEnd(18)} ${'-'.padStart(4)}  ${'-'.padStart(10)} ${pct(m.tp, m.tp + m.fp).padStart(9)} ${String(m.fp).padStart(6)}`);
}
console.log('');
console.log(`mso        recall ${msoScore.recall.toFixed(3)} (${msoScore.hit}/${msoScore.pos})  precision ${msoScore.precision.toFixed(3)} (${msoScore.tp}/${msoScore.tp + msoScore.fp})`);
if (sl) console.log(`secretlint recall ${sl.score.recall.toFixed(3)} (${sl.score.hit}/${sl.score.pos})  precision ${sl.score.precision.toFixed(3)} (${sl.score.tp}/${sl.score.tp + sl.score.fp})`);

// Shows a corpus line (generated, throwaway data) so rules can be tuned.
const lineOf = (key) => {
  const i = key.lastIndexOf(':');
  const text = readFileSync(join(dir, key.slice(0, i)), 'utf8').split(/\r?\n/)[Number(key.slice(i + 1)) - 1] ?? '';
  return text.length > 160 ? text.slice(0, 160) + '…' : text;
};
if (flag('--misses')) {
  console.log('\nmso misses:');
  for (const [key, kind] of msoScore.misses) console.log(`  [${kind}] ${key}  ${lineOf(key)}`);
  console.log('\nmso false positives:');
  for (const [key, kind] of msoScore.falsePositives) console.log(`  [${kind}] ${key}  ${lineOf(key)}`);
}
if (flag('--misses') && sl) {
  console.log('\nsecretlint false positives:');
  for (const [key] of sl.score.falsePositives) console.log(`  ${key}  ${lineOf(key)}`);
}
if (flag('--keep') || opt('--out')) console.log(`\ncorpus kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
