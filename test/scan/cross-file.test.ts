import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';

/**
 * Flows that cross a file (engine/cross-file.ts): a route hands request data to a function another module of the
 * project exports, and the sink is in that module. `mso scan --all` reports it there, naming the caller; a
 * module whose callers pass only constants, a package, or a caller that cleaned the value stays quiet.
 */

interface Finding {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
  message: string;
}

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function scan(dir: string, args: string[] = []): Finding[] {
  const res = runCli(['scan', '--all', '.', '--format', 'json', '--no-baseline', ...args], { cwd: dir });
  expect([0, 1]).toContain(res.code);
  return (JSON.parse(res.stdout) as { findings: Finding[] }).findings;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const STORAGE_TS = `import fsp from 'node:fs/promises';
import path from 'node:path';

const ROOT = '/srv/media';

export async function readMedia(relative: string): Promise<Buffer> {
  return fsp.readFile(path.join(ROOT, relative));
}

export async function readFixed(): Promise<Buffer> {
  return fsp.readFile(path.join(ROOT, 'logo.png'));
}
`;

describe('JavaScript / TypeScript', () => {
  test('services handed out by a dependency-injection container (tsyringe, inversify, awilix, Nest) are their classes', () => {
    const invoice = `import axios from 'axios';
export class InvoiceService {
  async deliver(url: string) { return axios.post(url, {}); }
  async preview(url: string) { return axios.get(url); }
  async typed(url: string) { return axios.get(url); }
  async fixed() { return axios.get('https://status.example.com'); }
}
`;
    const directory = `const fetch = require('node-fetch');
class DirectoryService {
  constructor({ db }) { this.db = db; }
  avatar(url) { return fetch(url); }
  photo(url) { return fetch(url); }
}
module.exports = DirectoryService;
`;
    const tsRoutes = `import { Router } from 'express';
import { container } from 'tsyringe';
import { InvoiceService } from './services/invoice';
const invoices = () => container.resolve(InvoiceService);
export const r = Router();
r.post('/a', async (req, res) => { await container.resolve(InvoiceService).deliver(req.body.url); res.json({}); });
r.post('/b', async (req, res) => { await invoices().preview(req.body.url); res.json({}); });
r.post('/c', async (req, res) => { const svc = kernel.get<InvoiceService>(TYPES.InvoiceService); await svc.typed(req.body.url); res.json({}); });
r.post('/d', async (req, res) => { await invoices().fixed(); res.json({}); });
`;
    const jsApi = `const express = require('express');
const { createContainer, asClass } = require('awilix');
const DirectoryService = require('./services/directory');
const container = createContainer();
container.register({ directoryService: asClass(DirectoryService).singleton() });
const app = express();
const svc = (req, name) => req.container.resolve(name);
app.get('/a', async (req, res) => { const dir = svc(req, 'directoryService'); res.json(await dir.avatar(req.query.u)); });
app.get('/b', async (req, res) => { res.json(await new DirectoryService({}).photo(req.query.p)); });
`;
    const found = scan(project({ 'services/invoice.ts': invoice, 'routes.ts': tsRoutes, 'services/directory.js': directory, 'api.js': jsApi })).filter((f) => f.ruleId === 'js-ssrf');
    const at = (file: string, text: string, needle: string) => found.find((f) => f.file === file && f.line === lineOf(text, needle))?.message ?? 'not reported';
    expect(at('services/invoice.ts', invoice, 'deliver(url')).toContain('passed by routes.ts');
    expect(at('services/invoice.ts', invoice, 'preview(url')).toContain('passed by routes.ts');
    expect(at('services/invoice.ts', invoice, 'typed(url')).toContain('passed by routes.ts');
    expect(at('services/directory.js', directory, 'avatar(url')).toContain('passed by api.js');
    expect(at('services/directory.js', directory, 'photo(url')).toContain('passed by api.js');
    expect(found.filter((f) => f.line === lineOf(invoice, 'fixed()'))).toEqual([]);
  });

  test("a deep merge another module exports is judged by its body: one that skips __proto__ is no sink at its callers, one that copies every key is", () => {
    const guarded = `const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function deepMerge(target: Record<string, any>, source: Record<string, any>) {
  for (const key of Object.keys(source || {})) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (value && typeof value === 'object') {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
`;
    const open = guarded.replace("    if (FORBIDDEN_KEYS.has(key)) continue;\n", '').replace(/^const FORBIDDEN_KEYS.*\n\n/, '');
    const route = `import express from 'express';
import { deepMerge } from '../lib/merge';

const router = express.Router();

router.post('/import', (req, res) => {
  const opts = deepMerge({ delimiter: ',' }, JSON.parse(req.body.options || '{}'));
  res.json(opts);
});

export default router;
`;
    const quiet = scan(project({ 'src/lib/merge.ts': guarded, 'src/routes/imports.ts': route }), ['--scanner', 'js']);
    expect(quiet.filter((f) => f.ruleId === 'js-prototype-pollution')).toEqual([]);
    const loud = scan(project({ 'src/lib/merge.ts': open, 'src/routes/imports.ts': route }), ['--scanner', 'js']).filter((f) => f.ruleId === 'js-prototype-pollution');
    // (one that copies every key is reported at its own write, with the caller's data; not again at the call)
    expect(loud.filter((f) => f.message.includes('passed by src/routes/imports.ts')).map((f) => f.file)).toEqual(['src/lib/merge.ts']);
    expect(loud.map((f) => f.file)).not.toContain('src/routes/imports.ts');
    // (a guard written only in a comment guards nothing)
    const commented = open.replace('  for (const key', "  // FORBIDDEN_KEYS.has(key) and '__proto__' are checked upstream\n  for (const key");
    const stillLoud = scan(project({ 'src/lib/merge.ts': commented, 'src/routes/imports.ts': route }), ['--scanner', 'js']).filter((f) => f.ruleId === 'js-prototype-pollution');
    expect(stillLoud.filter((f) => f.message.includes('passed by src/routes/imports.ts')).map((f) => f.file)).toEqual(['src/lib/merge.ts']);
  });

  test("a helper of another module returning a SQL fragment with its parameters (`{ text, values }`): the text holds what the helper put in it", () => {
    const frag = `export function inList(column: string, items: string[], offset = 1) {
  if (!items.length) return { text: 'TRUE', values: [] as string[] };
  const placeholders = items.map((_, i) => \`$\${offset + i}\`).join(', ');
  return { text: \`\${column} IN (\${placeholders})\`, values: items };
}

export function quotedList(column: string, items: string[]) {
  return { text: \`\${column} IN (\${items.map((x) => \`'\${x}'\`).join(', ')})\`, values: [] as string[] };
}
`;
    const repo = `import { Pool } from 'pg';
import { inList, quotedList } from '../lib/frag';
const pool = new Pool();

export async function refunds(tenant: string, codes: string[]) {
  const regions = inList('r.code', codes, 2);
  const sql = \`SELECT * FROM refunds r WHERE r.tenant_id = $1 AND \${regions.text}\`;
  const { rows } = await pool.query(sql, [tenant, ...regions.values]);
  return rows;
}

export async function refundsQuoted(tenant: string, codes: string[]) {
  const regions = quotedList('r.code', codes);
  const { rows } = await pool.query(\`SELECT * FROM refunds r WHERE r.tenant_id = $1 AND \${regions.text}\`, [tenant]);
  return rows;
}
`;
    const route = `import express from 'express';
import { refunds, refundsQuoted } from '../repo/orders';
const router = express.Router();
router.get('/refunds', async (req, res) => {
  const codes = String(req.query.codes).split(',');
  res.json(req.query.quoted ? await refundsQuoted('t1', codes) : await refunds('t1', codes));
});
export default router;
`;
    const found = scan(project({ 'src/lib/frag.ts': frag, 'src/repo/orders.ts': repo, 'src/routes/refunds.ts': route }), ['--scanner', 'js']).filter((f) => f.ruleId === 'js-sql-injection');
    expect(found.map((f) => [f.file, f.line])).toEqual([['src/repo/orders.ts', lineOf(repo, 'regions.text}\`, [tenant]')]]);
  });

  test("a repository function returning the row a query found by the request's id gives its caller the table's data, not the id", () => {
    const repo = `import { Pool } from 'pg';
const pool = new Pool();

export async function findById(tenantId: string, id: string) {
  const { rows } = await pool.query('SELECT id, storage_path FROM files WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  return rows[0];
}

export function pathOf(name: string) {
  return '/srv/files/' + name;
}
`;
    const route = `import express from 'express';
import * as files from '../repositories/files';

const router = express.Router();

router.get('/:id/download', async (req, res) => {
  const rec = await files.findById(req.user.tenantId, req.params.id);
  if (!rec) return res.sendStatus(404);
  res.download(rec.storage_path);
});

router.get('/raw/:name', (req, res) => {
  res.download(files.pathOf(req.params.name));
});

export default router;
`;
    const found = scan(project({ 'src/repositories/files.ts': repo, 'src/routes/files.ts': route }), ['--scanner', 'js']).filter((f) => f.ruleId === 'js-path-traversal');
    expect(found.map((f) => [f.file, f.line])).toEqual([['src/routes/files.ts', lineOf(route, 'files.pathOf(')]]);
  });

  test("a library's object another module makes (an axios instance, exported or in module.exports) is that library's where it is imported", () => {
    const partners = `const axios = require('axios');
const http = axios.create({ timeout: 5000 });
const api = axios.create({ baseURL: 'https://api.partner.example/v1' });
module.exports = { http, api };
`;
    const client = `import axios from 'axios';
export const fetcher = axios.create({ timeout: 3000 });
`;
    const server = `const express = require('express');
const partners = require('./lib/partners');
const { http, api } = require('./lib/partners');
const app = express();
app.post('/a', async (req, res) => {
  await partners.http.get(req.body.url);
  await http.post(req.body.hook, { ok: true });
  await api.get(\`/items/\${encodeURIComponent(req.body.id)}\`);
  await partners.http.get('https://status.example.com/ping');
  res.json({});
});
`;
    const route = `import express from 'express';
import { fetcher } from './lib/client';
const r = express.Router();
r.get('/p', async (req, res) => { res.json((await fetcher.get(String(req.query.u))).data); });
export default r;
`;
    const found = scan(project({ 'lib/partners.js': partners, 'lib/client.ts': client, 'server.js': server, 'route.ts': route })).filter((f) => f.ruleId === 'js-ssrf');
    expect(found.map((f) => [f.file, f.line]).sort()).toEqual([
      ['route.ts', 4],
      ['server.js', lineOf(server, 'partners.http.get(req.body.url)')],
      ['server.js', lineOf(server, 'http.post(req.body.hook')],
    ]);
  });

  test('an axios instance another module exports after a top-level if is axios where it is imported', () => {
    const upstream = `import axios, { type AxiosInstance } from 'axios';

if (process.env.FHIR_ENV === 'sandbox') {
  console.warn('sandbox upstreams');
}

export const partnerClient: AxiosInstance = axios.create({ timeout: 20_000 });
`;
    const server = `import Router from '@koa/router';
import { partnerClient } from './upstream';

export const router = new Router();
router.get('/partner/observations', async (ctx) => {
  const { endpoint } = ctx.query as Record<string, string>;
  const { data } = await partnerClient.get(\`\${endpoint}/Observation\`);
  ctx.body = { count: Array.isArray(data) ? data.length : 0 };
});
`;
    const found = scan(project({ 'src/upstream.ts': upstream, 'src/server.ts': server }));
    expect(found.map((f) => [f.file, f.line, f.ruleId])).toEqual([['src/server.ts', lineOf(server, 'partnerClient.get('), 'js-ssrf']]);
  });

  test("what an imported function returns clean of everything (a digest, a number) is clean in its caller; one that hands back its argument is not", () => {
    const helpers = `const crypto = require('crypto');
function legacyHash(password) {
  return crypto.createHash('md5').update(String(password)).digest('hex');
}
function toInt(value) {
  const n = Number.parseInt(String(value), 10);
  return Number.isFinite(n) ? Math.min(n, 1000) : 0;
}
function field(body, key) {
  return body[key];
}
module.exports = { legacyHash, toInt, field };
`;
    const route = `const { legacyHash, toInt, field } = require('../lib/helpers');
const User = require('../models/user');
exports.login = async (req, res) => {
  const byHash = await User.findOne({ password: legacyHash(req.body.password) });
  const byAge = await User.find({ age: toInt(req.query.age) });
  const byName = await User.findOne({ username: field(req.body, 'username') });
  res.json({ byHash, byAge, byName });
};
`;
    const found = scan(project({ 'lib/helpers.js': helpers, 'controllers/auth.js': route })).filter((f) => f.ruleId === 'js-nosql-injection');
    expect(found.map((f) => [f.file, f.line])).toEqual([['controllers/auth.js', lineOf(route, "field(req.body, 'username')")]]);
  });

  test('an imported function given request data: reported at its sink, naming the call (ESM, `.js` specifier for a `.ts` file)', () => {
    const route = `import express from 'express';
import { readMedia } from '../utils/storage.js';
const r = express.Router();
r.get('/media', async (req, res) => res.send(await readMedia(String(req.query.file))));
export default r;
`;
    const dir = project({ 'src/utils/storage.ts': STORAGE_TS, 'src/routes/media.ts': route });
    const found = scan(dir).filter((f) => f.file === 'src/utils/storage.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'js-path-traversal', line: lineOf(STORAGE_TS, 'path.join(ROOT, relative)'), severity: 'high' });
    expect(found[0]!.message).toContain('passed by src/routes/media.ts:4');
  });

  test('a route that holds no sink of its own is still read for the data it hands on (Next.js route handler, alias)', () => {
    const storage = `import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
export const UPLOAD_ROOT = path.resolve(process.env.UPLOAD_DIR ?? './uploads');
export async function saveLocal(relativeName: string, data: Buffer) {
  const target = path.join(UPLOAD_ROOT, relativeName);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, data);
  return target;
}
`;
    const route = `import { saveLocal } from '@/lib/storage';
export async function POST(req: Request) {
  const form = await req.formData();
  const album = String(form.get('album') ?? 'default');
  return Response.json({ stored: await saveLocal(\`\${album}/cover.png\`, Buffer.from('')) });
}
`;
    const dir = project({ 'lib/storage.ts': storage, 'app/api/upload/route.ts': route });
    const found = scan(dir, ['--scanner', 'js']);
    expect(found.map((f) => [f.file, f.line, f.ruleId])).toEqual([['lib/storage.ts', 7, 'js-path-traversal']]);
    expect(found[0]!.message).toContain('passed by app/api/upload/route.ts:5');
  });

  test('the same module called only with constants, or by a caller that made the value a number, stays quiet', () => {
    const route = `import express from 'express';
import { readMedia } from '../utils/storage';
const r = express.Router();
r.get('/a', async (req, res) => res.send(await readMedia('logo.png')));
r.get('/b', async (req, res) => res.send(await readMedia(String(parseInt(req.query.n as string, 10)))));
export default r;
`;
    const dir = project({ 'src/utils/storage.ts': STORAGE_TS, 'src/routes/media.ts': route });
    expect(scan(dir).filter((f) => f.file === 'src/utils/storage.ts')).toEqual([]);
  });

  test('CommonJS: a module required whole, its exported object of functions', () => {
    const svc = `const { exec } = require('child_process');
function convert(name) {
  return exec('convert /data/' + name + ' out.png');
}
module.exports = { convert };
`;
    const route = `const express = require('express');
const media = require('./services/media');
const app = express();
app.post('/convert', (req, res) => { media.convert(req.body.name); res.end(); });
`;
    const dir = project({ 'services/media.js': svc, 'app.js': route });
    const found = scan(dir).filter((f) => f.file === 'services/media.js');
    expect(found.map((f) => [f.ruleId, f.line])).toEqual([['js-command-injection', 3]]);
    expect(found[0]!.message).toContain('req.body');
  });

  test('two hops (controller → service class → repository) through constructor-typed fields and a project alias', () => {
    const repo = `import { Pool } from 'pg';
const pool = new Pool();
export class ProductRepository {
  async search(term: string) {
    return pool.query(\`SELECT * FROM products WHERE name LIKE '%\${term}%'\`);
  }
}
`;
    const service = `import { ProductRepository } from '@/repositories/product.repository';
export class ProductService {
  constructor(private readonly repo: ProductRepository) {}
  find(q: string) {
    return this.repo.search(q.trim());
  }
}
`;
    const controller = `import { Controller, Get, Query } from '@nestjs/common';
import { ProductService } from '../services/product.service';
@Controller('products')
export class ProductController {
  constructor(private readonly products: ProductService) {}
  @Get()
  list(@Query('q') q: string) {
    return this.products.find(q);
  }
}
`;
    const dir = project({ 'src/repositories/product.repository.ts': repo, 'src/services/product.service.ts': service, 'src/controllers/product.controller.ts': controller });
    const found = scan(dir).filter((f) => f.ruleId === 'js-sql-injection');
    expect(found.map((f) => [f.file, f.line, f.severity])).toEqual([['src/repositories/product.repository.ts', 5, 'high']]);
    expect(found[0]!.message).toContain('passed by src/services/product.service.ts:5');
  });

  test('an alias two files could be is not guessed; a package of the same name is not the project', () => {
    const util = `import fs from 'node:fs';
export function load(p: string) { return fs.readFileSync('/srv/' + p); }
`;
    const route = `import express from 'express';
import { load } from '@/lib/files';
import { load as pkgLoad } from 'files';
const app = express();
app.get('/x', (req, res) => { load(String(req.query.p)); pkgLoad(String(req.query.p)); res.end(); });
`;
    const twice = project({ 'a/lib/files.ts': util, 'b/lib/files.ts': util, 'app.ts': route, 'files.ts': util });
    expect(scan(twice).filter((f) => f.ruleId === 'js-path-traversal')).toEqual([]);
    const once = project({ 'src/lib/files.ts': util, 'app.ts': route, 'files.ts': util });
    expect(scan(once).filter((f) => f.ruleId === 'js-path-traversal').map((f) => f.file)).toEqual(['src/lib/files.ts']);
  });

  test('of several modules with the path an alias names, the one in the importer\'s own app is followed (monorepo)', () => {
    const util = `import fs from 'node:fs';
export function load(p: string) { return fs.readFileSync('/srv/' + p); }
`;
    const route = `import express from 'express';
import { load } from '@/lib/files';
const app = express();
app.get('/x', (req, res) => { load(String(req.query.p)); res.end(); });
`;
    const dir = project({ 'apps/web/src/lib/files.ts': util, 'apps/admin/src/lib/files.ts': util, 'apps/web/src/app.ts': route });
    expect(scan(dir).filter((f) => f.ruleId === 'js-path-traversal').map((f) => f.file)).toEqual(['apps/web/src/lib/files.ts']);
  });

  test('a recursive merge of another module is reported once, at its own write with the caller\'s data, not at the call', () => {
    const merge = `export function deepMerge(target: any, src: any) {
  for (const k of Object.keys(src)) {
    if (typeof src[k] === 'object') deepMerge(target[k] ??= {}, src[k]);
    else target[k] = src[k];
  }
  return target;
}
`;
    const route = `import express from 'express';
import { deepMerge } from './merge';
const settings = {};
const app = express();
app.post('/s', (req, res) => res.json(deepMerge(settings, req.body)));
`;
    const dir = project({ 'src/merge.ts': merge, 'src/app.ts': route });
    const polluting = scan(dir).filter((f) => f.ruleId === 'js-prototype-pollution');
    // (labellers mark the write that pollutes - 22 held-out lines against 1 at a call: docs/js-rules.md, batch 55)
    expect(polluting.filter((f) => f.file === 'src/app.ts')).toEqual([]);
    const inside = polluting.filter((f) => f.file === 'src/merge.ts');
    expect(inside.map((f) => f.line)).toEqual([4]);
    expect(inside[0]!.message).toContain('passed by src/app.ts:5');
    expect(inside[0]!.severity).toBe('high');
  });

  test("a module's function that checks or escapes what it returns makes its callers' results clean", () => {
    const svc = `import path from 'node:path';
export const INVOICE_DIR = path.resolve('/srv/invoices');
export function invoicePath(fileName: string): string | null {
  const resolved = path.resolve(INVOICE_DIR, fileName);
  return resolved.startsWith(INVOICE_DIR + path.sep) ? resolved : null;
}
export function rawPath(fileName: string): string {
  return path.join(INVOICE_DIR, fileName);
}
`;
    const html = `const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (v: unknown): string => String(v ?? '').replace(/[&<>"]/g, (c) => ENTITIES[c]!);
export function renderCard(title: string, theme: string): string {
  return \`<div class="card card--\${escapeHtml(theme)}"><b>\${escapeHtml(title)}</b></div>\`;
}
export function renderRaw(title: string): string {
  return \`<div>\${title}</div>\`;
}
`;
    const routes = `import { Router } from 'express';
import { invoicePath, rawPath } from '../services/invoices';
import { renderCard, renderRaw } from '../utils/html';
export const router = Router();
router.get('/a/:file', (req, res) => {
  const file = invoicePath(req.params.file);
  if (!file) return res.sendStatus(400);
  res.sendFile(file);
});
router.get('/b/:file', (req, res) => res.sendFile(rawPath(req.params.file)));
router.get('/c', (req, res) => res.type('html').send(renderCard('Hello', String(req.query.theme))));
router.get('/d', (req, res) => res.type('html').send(renderRaw(String(req.query.t))));
`;
    const dir = project({ 'src/services/invoices.ts': svc, 'src/utils/html.ts': html, 'src/routes/index.ts': routes });
    const found = scan(dir, ['--scanner', 'js']).map((f) => [f.file, f.line, f.ruleId]);
    // the unchecked path and the raw renderer are still flagged; the checked path (line 8) and the escaped card (11) are not
    expect(found).toEqual([
      ['src/routes/index.ts', 10, 'js-path-traversal'],
      ['src/routes/index.ts', 12, 'js-xss'],
    ]);
  });

  test('a diff scan (--staged) analyses one file at a time: the cross-file pass is a survey of whole files', () => {
    const route = `import express from 'express';
import { readMedia } from './storage';
const r = express.Router();
r.get('/media', async (req, res) => res.send(await readMedia(String(req.query.file))));
`;
    const dir = project({ 'src/storage.ts': STORAGE_TS, 'src/media.ts': route });
    expect(scan(dir, ['--scanner', 'js']).some((f) => f.file === 'src/storage.ts')).toBe(true);
    const files = runCli(['scan', 'src/media.ts', '--format', 'json', '--no-baseline'], { cwd: dir });
    expect((JSON.parse(files.stdout) as { findings: Finding[] }).findings.some((f) => f.file === 'src/storage.ts')).toBe(false);
  });
});

describe('Python', () => {
  test("a helper of another module whose result holds none of the untrusted argument it was given (a temporary path) gives its callers none", () => {
    const storage = `import os
import tempfile

STAGING = "/srv/staging"


def stage_scan(data, suffix=".png"):
    fd, path = tempfile.mkstemp(suffix=suffix, dir=STAGING)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def staged_name(name):
    return os.path.join(STAGING, name)
`;
    const views = `from flask import Flask, request

from app import storage

app = Flask(__name__)


@app.route("/convert", methods=["POST"])
def convert():
    src = storage.stage_scan(request.get_data())
    with open(src + ".out", "wb") as fh:
        fh.write(b"done")
    other = storage.staged_name(request.args["name"])
    with open(other, "rb") as fh:
        return fh.read()
`;
    const found = scan(project({ 'app/__init__.py': '', 'app/storage.py': storage, 'app/views.py': views })).filter((f) => f.ruleId === 'python-path-traversal');
    expect(found.map((f) => [f.file, f.line])).toEqual([['app/views.py', lineOf(views, 'open(other')]]);
  });

  test("a source read through a library's object another module makes (an SQS client imported from an extensions module)", () => {
    const extensions = `import boto3
import requests

http = requests.Session()
sqs = boto3.client("sqs")
`;
    const worker = `import json

from portal.extensions import http, sqs


def poll(queue_url):
    resp = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=10)
    for msg in resp.get("Messages", []):
        job = json.loads(msg["Body"])
        http.post(job["callback_url"], json={"done": True}, timeout=5)
        http.post("https://status.example.com/ping", json={"job": job.get("id")}, timeout=5)
`;
    const found = scan(project({ 'portal/__init__.py': '', 'portal/extensions.py': extensions, 'worker.py': worker }));
    expect(found.map((f) => [f.file, f.line, f.ruleId])).toEqual([['worker.py', lineOf(worker, 'job["callback_url"]'), 'python-ssrf']]);
  });

  test('a table of another module\'s functions called by key (a JSON-RPC tool registry): each function gets what the call hands it', () => {
    const tools = `import subprocess

import requests


def fetch_reference(params, caller):
    return requests.get(params["url"], timeout=15).text


def grep_document(params, caller):
    return subprocess.run("grep -n " + params["pattern"] + " /srv/text.txt", shell=True, capture_output=True).stdout


def server_time(params, caller):
    return "2026-01-01"


def not_listed(params, caller):
    return requests.get(params["url"], timeout=15).text


REGISTRY = {"fetch_reference": fetch_reference, "grep": grep_document, "time": server_time}
`;
    const server = `from flask import Flask, jsonify, request

from lexvault.tools import REGISTRY

app = Flask(__name__)


@app.post("/rpc")
def rpc():
    payload = request.get_json(force=True, silent=True) or {}
    handler = REGISTRY.get(payload.get("method"))
    if handler is None:
        return jsonify(error="unknown method"), 404
    return jsonify(result=handler(payload.get("params") or {}, None))


@app.post("/rpc2")
def rpc2():
    payload = request.get_json()
    return jsonify(result=REGISTRY[payload["method"]](payload["params"], None))
`;
    const found = scan(project({ 'lexvault/__init__.py': '', 'lexvault/tools.py': tools, 'lexvault/server.py': server }));
    expect(found.map((f) => [f.file, f.line, f.ruleId]).sort()).toEqual([
      ['lexvault/tools.py', lineOf(tools, 'grep -n'), 'python-command-injection'],
      ['lexvault/tools.py', lineOf(tools, 'return requests.get(params["url"]'), 'python-ssrf'],
    ].sort());
  });

  test("a library's object another module makes after a top-level if (requests.Session()) is still that library's", () => {
    const clients = `import os

import requests

if os.environ.get("HTTP_DEBUG") == "1":
    import logging
    logging.basicConfig(level=logging.DEBUG)

session = requests.Session()
`;
    const views = `from flask import Flask, request

from app.clients import session

app = Flask(__name__)


@app.route("/a")
def a():
    return session.get(request.args["url"], timeout=5).text
`;
    const found = scan(project({ 'app/__init__.py': '', 'app/clients.py': clients, 'app/views.py': views }));
    expect(found.map((f) => [f.file, f.line, f.ruleId])).toEqual([['app/views.py', lineOf(views, 'session.get('), 'python-ssrf']]);
  });

  test("a library's object another module makes at its top (requests.Session(), httpx.Client(), sqlite3.connect()) is that library's where it is imported", () => {
    const clients = `import sqlite3

import httpx
import requests

session = requests.Session()
client = httpx.Client(timeout=5)
conn = sqlite3.connect("app.db")
TIMEOUT = 5
`;
    const views = `from flask import Flask, request

from app import clients
from app.clients import client, conn, session

app = Flask(__name__)


@app.route("/a")
def a():
    session.get(request.args["url"], timeout=clients.TIMEOUT)
    client.get(request.args["u2"])
    clients.session.post(request.args["hook"], json={})
    conn.execute("SELECT * FROM t WHERE name = '%s'" % request.args["name"])
    conn.execute("SELECT * FROM t WHERE name = ?", (request.args["name"],))
    session.get("https://status.example.com/ping")
    return "ok"
`;
    const found = scan(project({ 'app/clients.py': clients, 'app/views.py': views }));
    expect(found.map((f) => [f.file, f.line, f.ruleId]).sort()).toEqual([
      ['app/views.py', lineOf(views, 'session.get(request'), 'python-ssrf'],
      ['app/views.py', lineOf(views, 'client.get(request'), 'python-ssrf'],
      ['app/views.py', lineOf(views, 'clients.session.post'), 'python-ssrf'],
      ['app/views.py', lineOf(views, "'%s'\" % request"), 'python-sql-injection'],
    ].sort());
  });

  test("a MongoDB collection another module takes from a driver's database (db[\"comments\"]) is that driver's where it is imported", () => {
    const db = `from motor.motor_asyncio import AsyncIOMotorClient

client = AsyncIOMotorClient("mongodb://db:27017", tls=True)
db = client.get_default_database()
comments = db["comments"]
`;
    const api = `import json

from fastapi import FastAPI, Query, Request

from .db import comments

app = FastAPI()


@app.post("/lookup")
async def lookup(request: Request):
    payload = await request.json()
    return await comments.find_one({"email": payload.get("email"), "token": payload.get("token")})


@app.get("/queue")
async def queue(filter: str = Query("{}")):
    return [d async for d in comments.find({"status": "pending", **json.loads(filter)})]


@app.get("/mine")
async def mine(email: str = Query(...)):
    return await comments.find_one({"email": str(email)})
`;
    const found = scan(project({ 'svc/__init__.py': '', 'svc/db.py': db, 'svc/api.py': api }));
    expect(found.map((f) => [f.file, f.line, f.ruleId]).sort()).toEqual([
      ['svc/api.py', lineOf(api, 'comments.find_one({"email": payload'), 'python-nosql-injection'],
      ['svc/api.py', lineOf(api, 'comments.find({"status"'), 'python-nosql-injection'],
    ].sort());
  });

  test('a module imported whole by its plain name (`import media`; `media.download(url)`), in a call inside try too', () => {
    const media = `import requests


def download_avatar(url):
    resp = requests.get(url, timeout=10, stream=True)
    return resp.raw.read(2048)


def fetch_logo():
    return requests.get("https://cdn.example.com/logo.png", timeout=10).content
`;
    const board = `from flask import Blueprint, request
import media
import os

bp = Blueprint("board", __name__)


@bp.route("/avatar", methods=["POST"])
def avatar():
    url = request.form.get("avatar_url", "")
    try:
        data = media.download_avatar(url)
    except ValueError as exc:
        return {"error": str(exc)}, 400
    return {"size": len(data), "logo": len(media.fetch_logo())}
`;
    const found = scan(project({ 'corpboard/media.py': media, 'corpboard/board.py': board }));
    expect(found.map((f) => [f.file, f.line, f.ruleId])).toEqual([['corpboard/media.py', lineOf(media, 'requests.get(url'), 'python-ssrf']]);
  });

  test('relative, absolute and instance calls: each reported in the module that holds the sink', () => {
    const storage = `import os

BASE = "/srv/docs"


def read_doc(name):
    with open(os.path.join(BASE, name)) as fh:
        return fh.read()


def read_index():
    with open(os.path.join(BASE, "index.md")) as fh:
        return fh.read()
`;
    const fetch = `import requests


def fetch_remote(url, timeout=5):
    return requests.get(url, timeout=timeout).text
`;
    const repo = `import sqlite3

ALLOWED_SORT = {"created_at", "amount"}


class Filter:
    def __init__(self, status, sort):
        self.status = status
        self.sort = sort


class InvoiceRepository:
    def search(self, flt):
        sort = flt.sort if flt.sort in ALLOWED_SORT else "created_at"
        sql = f"SELECT * FROM invoices WHERE status = '{flt.status}' ORDER BY {sort}"
        return sqlite3.connect("db").execute(sql).fetchall()

    def sorted_only(self, flt):
        sort = flt.sort if flt.sort in ALLOWED_SORT else "created_at"
        return sqlite3.connect("db").execute(f"SELECT * FROM invoices ORDER BY {sort}").fetchall()
`;
    const views = `from flask import Flask, request

from app.services.fetch import fetch_remote
from .repository import Filter, InvoiceRepository
from .storage import read_doc, read_index

app = Flask(__name__)
invoices = InvoiceRepository()


@app.get("/doc")
def doc():
    return read_doc(request.args["name"])


@app.get("/index")
def index():
    return read_index()


@app.get("/preview")
def preview():
    return fetch_remote(url=request.args.get("url"))


@app.get("/invoices")
def list_invoices():
    flt = Filter(request.args.get("status"), request.args.get("sort"))
    return {"rows": invoices.search(flt), "sorted": invoices.sorted_only(flt)}
`;
    const dir = project({ 'app/__init__.py': '', 'app/storage.py': storage, 'app/services/__init__.py': '', 'app/services/fetch.py': fetch, 'app/repository.py': repo, 'app/views.py': views });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.file !== 'app/views.py');
    expect(found.map((f) => [f.file, f.line, f.ruleId, f.severity]).sort()).toEqual(
      [
        ['app/repository.py', 16, 'python-sql-injection', 'high'],
        ['app/services/fetch.py', 5, 'python-ssrf', 'high'],
        ['app/storage.py', 7, 'python-path-traversal', 'high'],
      ].sort(),
    );
    expect(found.find((f) => f.file === 'app/storage.py')!.message).toContain('passed by app/views.py:13');
  });

  test('an instance made by a factory function of the caller (`_repo().find(q)`) is followed into its class', () => {
    const repo = `import sqlite3


class ItemRepository:
    def __init__(self, path):
        self.path = path

    def search(self, term):
        sql = "SELECT * FROM items WHERE name LIKE '%" + term + "%'"
        return sqlite3.connect(self.path).execute(sql).fetchall()
`;
    const views = `from flask import Flask, request

from .repository import ItemRepository

app = Flask(__name__)


def _repo():
    return ItemRepository("stock.db")


@app.get("/items")
def items():
    return {"rows": _repo().search(request.args.get("q", ""))}
`;
    const dir = project({ 'stock/__init__.py': '', 'stock/repository.py': repo, 'stock/views.py': views });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-sql-injection');
    expect(found.map((f) => [f.file, f.line, f.severity])).toEqual([['stock/repository.py', 10, 'high']]);
    expect(found[0]!.message).toContain('passed by stock/views.py:14');
  });

  test("a Django queryset built up from an imported model's manager (`qs = Invoice.objects.open(); qs.by_expr(x)`) is followed into its QuerySet", () => {
    const models = `from django.db import models
from django.db.models.expressions import RawSQL


class InvoiceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")

    def ordered_by_expression(self, expression):
        return self.annotate(k=RawSQL(expression, ())).order_by("-k")

    def in_region(self, region):
        return self.extra(where=["region = %s"], params=[region])


class Invoice(models.Model):
    objects = InvoiceQuerySet.as_manager()
`;
    const views = `from django.http import JsonResponse

from billing.models import Invoice


def report(request):
    qs = Invoice.objects.open()
    if request.GET.get("region"):
        qs = qs.in_region(request.GET["region"])
    if request.GET.get("sort"):
        qs = qs.ordered_by_expression(request.GET["sort"])
    return JsonResponse({"rows": list(qs.values("number"))})
`;
    const dir = project({ 'billing/__init__.py': '', 'billing/models.py': models, 'billing/views.py': views });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-sql-injection');
    expect(found.map((f) => [f.file, f.line])).toEqual([['billing/models.py', lineOf(models, 'RawSQL(expression')]]);
    expect(found[0]!.message).toContain('passed by billing/views.py:11');
  });

  test("a helper of another module returning (SQL fragment, parameters): the fragment holds what the helper put in it", () => {
    const sqlutil = `def bind_in_list(prefix, values):
    names = [f"{prefix}_{i}" for i in range(len(values))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, values))


def quoted_in_list(values):
    return ", ".join(f"'{v}'" for v in values), {}
`;
    const repo = `from sqlalchemy import text

from shop import sqlutil


def sales_by_region(conn, regions):
    placeholders, params = sqlutil.bind_in_list("r", list(regions))
    return conn.execute(text(f"SELECT * FROM sales WHERE region IN ({placeholders})"), params).all()


def sales_quoted(conn, regions):
    listed, _ = sqlutil.quoted_in_list(list(regions))
    return conn.execute(text(f"SELECT * FROM sales WHERE region IN ({listed})")).all()
`;
    const views = `from flask import Flask, g, request

from shop import repository

app = Flask(__name__)


@app.get("/sales")
def sales():
    regions = request.args.getlist("region")
    if request.args.get("quoted"):
        return {"rows": repository.sales_quoted(g.db, regions)}
    return {"rows": repository.sales_by_region(g.db, regions)}
`;
    const dir = project({ 'shop/__init__.py': '', 'shop/sqlutil.py': sqlutil, 'shop/repository.py': repo, 'shop/views.py': views });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-sql-injection');
    expect(found.map((f) => [f.file, f.line, f.severity])).toEqual([['shop/repository.py', lineOf(repo, 'IN ({listed})'), 'high']]);
  });

  test('an instance an object makes in its constructor (`self.repo = ItemRepository(…)`) is followed into its class', () => {
    const repo = `import sqlite3


class ItemRepository:
    def __init__(self, path):
        self.path = path

    def search(self, term):
        sql = "SELECT * FROM items WHERE name LIKE '%" + term + "%'"
        return sqlite3.connect(self.path).execute(sql).fetchall()
`;
    const service = `from stock.repository import ItemRepository


class CatalogService:
    def __init__(self):
        self.repo = ItemRepository("stock.db")

    def search(self, term):
        return self.repo.search(term.strip())
`;
    const views = `from flask import Flask, request

from .service import CatalogService

app = Flask(__name__)
service = CatalogService()


@app.get("/items")
def items():
    return {"rows": service.search(request.args.get("q", ""))}
`;
    const dir = project({ 'stock/__init__.py': '', 'stock/repository.py': repo, 'stock/service.py': service, 'stock/views.py': views });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-sql-injection');
    expect(found.map((f) => [f.file, f.line, f.severity])).toEqual([['stock/repository.py', 10, 'high']]);
    expect(found[0]!.message).toContain('passed by stock/service.py:9');
  });

  test("a module's function that raises on a bad path makes what it returns clean for its callers", () => {
    const paths = `import os

ROOT = "/srv/docs"


def checked_path(name):
    target = os.path.realpath(os.path.join(ROOT, name))
    if os.path.commonpath([ROOT, target]) != ROOT:
        raise ValueError("outside the root")
    return target
`;
    const views = `from flask import Flask, request, send_file

from .paths import checked_path

app = Flask(__name__)


@app.get("/doc")
def doc():
    return send_file(checked_path(request.args["name"]))


@app.get("/raw")
def raw():
    return send_file("/srv/docs/" + request.args["name"])
`;
    const dir = project({ 'app/__init__.py': '', 'app/paths.py': paths, 'app/views.py': views });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-path-traversal');
    expect(found.map((f) => [f.file, f.line])).toEqual([['app/views.py', 15]]);
  });

  test('a function handed to something that calls it later (add_task, submit, Thread, .delay) is followed with the data beside it', () => {
    const tasks = `import subprocess

import httpx


def notify(callback_url, order_id):
    httpx.post(callback_url, json={"id": order_id})


def archive(folder):
    subprocess.run("tar czf /tmp/a.tgz " + folder, shell=True)


def fetch_doc(url):
    return httpx.get(url).content


def constant_only(url):
    return httpx.get(url).content
`;
    const routes = `import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi import APIRouter, BackgroundTasks, Request

from . import tasks
from .tasks import archive

router = APIRouter()
pool = ThreadPoolExecutor(2)


@router.post("/orders")
async def create(request: Request, background: BackgroundTasks):
    values = await request.json()
    background.add_task(tasks.notify, values["callback_url"], 1)
    pool.submit(tasks.fetch_doc, values["doc"])
    threading.Thread(target=archive, args=(values["folder"],)).start()
    background.add_task(tasks.constant_only, "https://partner.example.com/ping")
    return {}
`;
    const dir = project({ 'app/__init__.py': '', 'app/tasks.py': tasks, 'app/routes.py': routes });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.file === 'app/tasks.py');
    expect(found.map((f) => [f.line, f.ruleId]).sort()).toEqual([
      [lineOf(tasks, 'subprocess.run'), 'python-command-injection'],
      [lineOf(tasks, 'httpx.get(url).content'), 'python-ssrf'],
      [lineOf(tasks, 'httpx.post'), 'python-ssrf'],
    ].sort());
    expect(found.find((f) => f.ruleId === 'python-command-injection')!.message).toContain('passed by app/routes.py:');
  });

  test("a table of other modules' functions called through with the model's tool-call arguments (TOOLS[name](**args))", () => {
    const tools = `import subprocess

import requests


def run_shell(command: str) -> str:
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


def fetch_url(url: str) -> str:
    return requests.get(url, timeout=10).text


def never_in_table(url: str) -> str:
    return requests.get(url, timeout=10).text
`;
    const service = `import json

from fastapi import FastAPI
from openai import OpenAI

from agent import tools
from agent.tools import fetch_url

app = FastAPI()
llm = OpenAI()
TOOLS = {"run_shell": tools.run_shell, "fetch_url": fetch_url}


@app.post("/chat")
def chat(message: str):
    msg = llm.chat.completions.create(model="m", messages=[{"role": "user", "content": message}]).choices[0].message
    for call in msg.tool_calls or []:
        fn = TOOLS.get(call.function.name)
        args = json.loads(call.function.arguments or "{}")
        fn(**args)
    return {}


@app.get("/preview")
def preview(name: str, arg: str = ""):
    return TOOLS[name](arg)
`;
    const dir = project({ 'agent/__init__.py': '', 'agent/tools.py': tools, 'agent/service.py': service });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.file === 'agent/tools.py');
    expect(found.map((f) => [f.line, f.ruleId]).sort()).toEqual([
      [lineOf(tools, 'subprocess.run'), 'python-command-injection'],
      [lineOf(tools, 'requests.get(url, timeout=10).text'), 'python-ssrf'],
    ].sort());
    expect(found.every((f) => f.message.includes('passed by agent/service.py:'))).toBe(true);
  });

  test('a Telegram handler registered in another module (CommandHandler("rss", handlers.rss)) gets what a chat member sent', () => {
    const handlers = `import requests


async def rss(update, context):
    resp = requests.get(context.args[0], timeout=15)
    await update.message.reply_text(resp.text[:3000])


async def unregistered(update, context):
    return requests.get(context.args[0], timeout=15).text
`;
    const bot = `from telegram.ext import Application, CommandHandler

from tgbot import handlers


def main():
    app = Application.builder().token("x").build()
    app.add_handler(CommandHandler("rss", handlers.rss))
    app.run_polling()
`;
    const dir = project({ 'tgbot/__init__.py': '', 'tgbot/handlers.py': handlers, 'tgbot/bot.py': bot });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.file === 'tgbot/handlers.py');
    expect(found.map((f) => [f.line, f.ruleId])).toEqual([[lineOf(handlers, 'requests.get(context.args[0], timeout=15)'), 'python-ssrf']]);
    expect(found[0]!.message).toContain('passed by tgbot/bot.py:');
  });

  test("of several services' own `common` packages, an absolute import follows the importer's; from outside them, none", () => {
    const files = `import os


def read_export(name):
    with open(os.path.join("/srv/exports", name)) as fh:
        return fh.read()
`;
    const app = `from flask import Flask, request

from common import files

app = Flask(__name__)


@app.get("/export")
def export():
    return files.read_export(request.args["name"])
`;
    const dir = project({ 'billing/common/__init__.py': '', 'billing/common/files.py': files, 'billing/app.py': app, 'crm/common/__init__.py': '', 'crm/common/files.py': files, 'tools/app.py': app });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-path-traversal');
    expect(found.map((f) => `${f.file}:${f.line}`)).toEqual([`billing/common/files.py:${lineOf(files, 'open(')}`]);
    expect(found[0]!.message).toContain('passed by billing/app.py:');
  });

  test('an argument vector whose program is written by the caller picks no command in the helper that runs it; a shell does', () => {
    const shell = `import subprocess


def run(argv, cwd=None):
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True).stdout
`;
    const cli = `import click

from ops.shell import run


@click.command()
@click.argument("src")
@click.argument("script")
def package(src, script):
    run(["tar", "czf", "/srv/out.tgz", "-C", src, "."])
    run(["sh", "-c", script])
`;
    const dir = project({ 'ops/__init__.py': '', 'ops/shell.py': shell, 'ops/cli.py': cli });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-command-injection');
    expect(found.map((f) => `${f.file}:${f.line}`)).toEqual([`ops/shell.py:${lineOf(shell, 'subprocess.run(')}`]);
    expect(found[0]!.message).toContain("'script'");
  });

  test("the pass runs too when the workspace leaves some files out of the code scanners (scan.codeExclude), never into those", () => {
    const storage = `def read_doc(name):
    with open("/srv/docs/" + name) as f:
        return f.read()
`;
    const views = `from flask import Flask, request

from .storage import read_doc
from .vendored.legacy import read_legacy

app = Flask(__name__)


@app.get("/doc")
def doc():
    return read_doc(request.args["name"]) + read_legacy(request.args["name"])
`;
    const legacy = `def read_legacy(name):
    return open("/srv/legacy/" + name).read()
`;
    const dir = project({
      'app/__init__.py': '',
      'app/storage.py': storage,
      'app/views.py': views,
      'app/vendored/__init__.py': '',
      'app/vendored/legacy.py': legacy,
      '.mso/workspace.json': JSON.stringify({ scan: { codeExclude: ['app/vendored/**'] } }),
    });
    const found = scan(dir, ['--scanner', 'python']).filter((f) => f.ruleId === 'python-path-traversal');
    expect(found.map((f) => [f.file, f.line])).toEqual([['app/storage.py', 2]]);
  });
});
