'use strict';

const express = require('express');
const { exec, execFile, execSync, spawn } = require('child_process');
const vm = require('vm');
const axios = require('axios');
const { URL } = require('url');

const router = express.Router();

const PREVIEW_HOSTS = ['images.example-cdn.com', 'static.example.org'];

const ops = {
  diskUsage(dir) {
    return execSync(`du -sh ${dir}`).toString(); //@vuln CWE-78
  },
  gitLog(branch) {
    return new Promise((resolve, reject) => {
      execFile('git', ['log', '--oneline', '-n', '20', branch], (err, stdout) => { //@safe
        if (err) return reject(err);
        resolve(stdout);
      });
    });
  },
};

// Ping a host to check connectivity from the server
router.post('/admin/ping', (req, res) => {
  const { host } = req.body;
  exec('ping -c 3 ' + host, (err, stdout, stderr) => { //@vuln CWE-78
    if (err) {
      return res.status(500).json({ error: stderr });
    }
    res.json({ output: stdout });
  });
});

router.get('/admin/disk', (req, res) => {
  const dir = req.query.dir || '/var/data';
  res.type('text/plain').send(ops.diskUsage(dir));
});

router.get('/admin/git-log', async (req, res) => {
  try {
    const out = await ops.gitLog(String(req.query.branch || 'main'));
    res.type('text/plain').send(out);
  } catch (e) {
    res.status(500).send('git failed');
  }
});

// Archive logs for a given service
router.post('/admin/archive', (req, res) => {
  const service = req.body.service;
  const child = spawn('tar', ['czf', `/tmp/${service}.tgz`, `/var/log/${service}`], { shell: true }); //@vuln CWE-78
  child.on('close', (code) => res.json({ code }));
});

router.post('/admin/restart', (req, res) => {
  const units = { api: 'api.service', worker: 'worker.service' };
  const unit = units[req.body.name];
  if (!unit) return res.status(400).json({ error: 'unknown service' });
  const child = spawn('systemctl', ['restart', unit]); //@safe
  child.on('close', (code) => res.json({ code }));
});

// Formula evaluator for the pricing dashboard
router.post('/admin/formula', (req, res) => {
  const { expression, vars } = req.body;
  const fn = new Function('vars', `with (vars) { return ${expression}; }`); //@vuln CWE-95|CWE-94
  res.json({ value: fn(vars || {}) });
});

router.post('/admin/calc', (req, res) => {
  const result = eval(req.body.expr); //@vuln CWE-95|CWE-94
  res.json({ result });
});

router.post('/admin/sandbox', (req, res) => {
  const ctx = vm.createContext({ items: req.body.items || [] });
  const out = vm.runInContext(req.body.script, ctx, { timeout: 50 }); //@vuln CWE-95|CWE-94
  res.json({ out });
});

router.post('/admin/parse-number', (req, res) => {
  const parsed = JSON.parse(req.body.payload); //@safe
  res.json({ n: Number(parsed.n) });
});

// Log search with user-provided pattern
router.get('/admin/logs/search', (req, res) => {
  const pattern = req.query.q;
  const re = new RegExp(pattern, 'i'); //@vuln CWE-1333|CWE-400
  const lines = (req.app.locals.recentLogs || []).filter((l) => re.test(l));
  res.json({ lines });
});

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

router.get('/admin/logs/find', (req, res) => {
  const needle = new RegExp(escapeRegExp(String(req.query.q || '')), 'i'); //@safe
  const lines = (req.app.locals.recentLogs || []).filter((l) => needle.test(l));
  res.json({ lines });
});

// Link preview: fetch the remote page and return its title
router.get('/admin/preview', async (req, res) => {
  const target = req.query.url;
  const response = await axios.get(target, { timeout: 3000 }); //@vuln CWE-918
  const m = /<title>([^<]*)<\/title>/i.exec(response.data);
  res.json({ title: m ? m[1] : null });
});

router.get('/admin/image-proxy', async (req, res) => {
  let parsed;
  try {
    parsed = new URL(String(req.query.src));
  } catch {
    return res.status(400).end();
  }
  if (parsed.protocol !== 'https:' || !PREVIEW_HOSTS.includes(parsed.hostname)) {
    return res.status(403).end();
  }
  const upstream = await axios.get(parsed.toString(), { responseType: 'arraybuffer' }); //@safe
  res.type(upstream.headers['content-type'] || 'application/octet-stream').send(upstream.data);
});

router.post('/admin/webhook-test', async (req, res) => {
  const { callbackUrl, payload } = req.body;
  const r = await fetch(callbackUrl, { method: 'POST', body: JSON.stringify(payload) }); //@vuln CWE-918
  res.json({ status: r.status });
});

module.exports = router;
