'use strict';

const fs = require('fs');
const path = require('path');
const { exec, execFile } = require('child_process');
const express = require('express');
const axios = require('axios');
const escapeHtml = require('escape-html');
const errorhandler = require('errorhandler');

const PLANS_DIR = process.env.PLANS_DIR || '/var/lib/tf-plans';
const TFC_API = 'https://app.terraform.io/api/v2';
const TFC_TOKEN = process.env.TFC_TOKEN;

const app = express();
app.use('/static', express.static(path.join(__dirname, 'public')));

function loadPlan(workspace, run) {
  const file = path.join(PLANS_DIR, workspace, `${run}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')); //@vuln CWE-22
}

function actionClass(actions) {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('delete')) return 'delete';
  if (actions.includes('create')) return 'create';
  if (actions.includes('update')) return 'update';
  return 'noop';
}

function summarize(plan) {
  const counts = { create: 0, update: 0, delete: 0, replace: 0, noop: 0 };
  for (const rc of plan.resource_changes || []) counts[actionClass(rc.change.actions)]++;
  return counts;
}

function renderRow(rc) {
  const cls = actionClass(rc.change.actions);
  return `<tr class="${cls}"><td>${escapeHtml(rc.address)}</td><td>${escapeHtml(rc.change.actions.join(', '))}</td><td>${escapeHtml(rc.provider_name)}</td></tr>`;
}

function page(title, inner) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/static/plan.css"></head><body>${inner}<script src="/static/viewer.js"></script></body></html>`;
}

app.get('/plans/:workspace/:run', (req, res) => {
  const { workspace, run } = req.params;
  const plan = loadPlan(workspace, run);
  const counts = summarize(plan);
  const rows = (plan.resource_changes || []).map(renderRow).join('\n');
  const outputs = Object.entries(plan.planned_values?.outputs || {}).map(([k, v]) => `<li><b>${k}</b> = ${v.sensitive ? '(sensitive)' : JSON.stringify(v.value)}</li>`).join('');
  const html = page(`Plan ${workspace}`, `<h1>${escapeHtml(workspace)} / run ${escapeHtml(run)}</h1><p id="counts">${counts.create} to add, ${counts.update} to change, ${counts.delete + counts.replace} to destroy</p><table>${rows}</table><h2>Outputs</h2><ul>${outputs}</ul>`);
  res.send(html); //@vuln CWE-79
});

app.get('/plans/:workspace/:run/summary', (req, res) => {
  const plan = loadPlan(req.params.workspace, req.params.run);
  res.json({ ...summarize(plan), changes: (plan.resource_changes || []).map((rc) => ({ address: rc.address, actions: rc.change.actions.join(',') })) });
});

// Human-readable `terraform show` output for a saved binary plan.
app.get('/plans/:workspace/:run/text', (req, res) => {
  const planFile = path.join(PLANS_DIR, req.params.workspace, `${req.params.run}.tfplan`);
  exec(`terraform show -no-color ${planFile}`, { cwd: PLANS_DIR, maxBuffer: 32 * 1024 * 1024 }, (err, stdout) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: 'terraform show failed' });
    res.send(page('Plan output', '<pre class="plan">' + stdout + '</pre>')); //@vuln CWE-79
  });
});

app.get('/plans/:workspace/:run/json', (req, res) => {
  res.sendFile(`${req.params.run}.json`, { root: path.join(PLANS_DIR, 'exports'), dotfiles: 'deny' }); //@safe
});

app.get('/plans/:workspace/:run/show', (req, res) => {
  const planFile = path.join(PLANS_DIR, 'exports', `${path.basename(req.params.run)}.tfplan`);
  execFile('terraform', ['show', '-no-color', planFile], { maxBuffer: 32 * 1024 * 1024 }, (err, stdout) => { //@safe
    if (err) return res.status(500).json({ error: 'terraform show failed' });
    res.send(page('Plan output', `<pre class="plan">${escapeHtml(stdout)}</pre>`));
  });
});

// Terraform Cloud runs: fetch the JSON plan straight from the API.
app.get('/tfc/runs/:runId', async (req, res) => {
  const url = `${TFC_API}/runs/${encodeURIComponent(req.params.runId)}/plan/json-output`;
  const { data } = await axios.get(url, { headers: { Authorization: `Bearer ${TFC_TOKEN}` } }); //@safe
  res.json(summarize(data));
});

// Plans produced by Atlantis/other runners are linked as pre-signed URLs.
app.get('/import', async (req, res) => {
  const { data } = await axios.get(String(req.query.planUrl), { responseType: 'json', timeout: 10000 }); //@vuln CWE-918
  res.json(summarize(data));
});

app.post('/plans/:workspace/:run/approve', express.urlencoded({ extended: false }), (req, res) => {
  fs.appendFileSync(path.join(PLANS_DIR, 'approvals.log'), `${new Date().toISOString()} ${req.params.workspace} ${req.params.run} ${req.get('x-forwarded-user')}\n`);
  res.redirect(req.body.back || `/plans/${encodeURIComponent(req.params.workspace)}/${encodeURIComponent(req.params.run)}`); //@vuln CWE-601
});

if (process.env.NODE_ENV !== 'production') app.use(errorhandler()); //@safe

app.listen(Number(process.env.PORT || 8088), () => console.log('tf-plan-viewer up'));
