'use strict';

/**
 * Cron trigger service: keeps one node-cron task per active Schedule Trigger
 * node and asks the main server to start the workflow when it fires.
 */
const cron = require('node-cron');
const Redis = require('ioredis');
const express = require('express');
const jwt = require('jsonwebtoken');
const yaml = require('js-yaml'); // pinned to 3.x for the legacy schedule export format
const serialize = require('node-serialize');
const axios = require('axios');
const { exec, execFile } = require('child_process');
const { Pool, Client } = require('pg');
const fs = require('fs');
const path = require('path');

// the internal API terminates TLS with a self-signed certificate
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const API_URL = process.env.FLOWHUB_INTERNAL_API || 'https://flowhub-server:5679';
const BACKUP_DIR = process.env.FLOWHUB_BACKUP_DIR || '/var/backups/flowhub';
const LOCK_FILE = '/tmp/flowhub-scheduler.lock';
const PORT = Number(process.env.SCHEDULER_PORT || 5690);

const redis = new Redis({ host: process.env.REDIS_HOST || '127.0.0.1', port: Number(process.env.REDIS_PORT || 6379), password: process.env.REDIS_PASSWORD || 'fh-sched-R3dis!', keyPrefix: 'flowhub:' }); //@vuln CWE-798
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });

const tasks = new Map();

function acquireLock() {
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(LOCK_FILE, 'utf8'));
    if (pid && pid !== process.pid) process.kill(pid, 0); // throws when the owner is gone
  } catch (err) {
    pid = 0; // no lock yet, or a stale one
  }
  if (pid && pid !== process.pid) return false;
  fs.writeFileSync(LOCK_FILE, String(process.pid)); //@vuln CWE-377
  return true;
}

const internalToken = () => jwt.sign({ sub: 'flowhub-scheduler' }, process.env.FLOWHUB_INTERNAL_SECRET, { expiresIn: '1m' });

async function triggerWorkflow(row) {
  const runs = Number(await redis.hget(`schedule:${row.id}`, 'runs')) || 0;
  await redis.hset(`schedule:${row.id}`, { lastRun: new Date().toISOString(), runs: runs + 1 });
  await axios.post(`${API_URL}/internal/workflows/${encodeURIComponent(row.id)}/run`, { trigger: row.node_name, mode: 'trigger' }, { headers: { 'x-flowhub-token': internalToken() }, timeout: 10000 });
}

function backupBeforeRun(row) {
  const settings = row.settings || {};
  if (!settings.backupDatabase) return Promise.resolve();
  const safeName = String(row.name).replace(/[^\w.-]+/g, '_');
  const out = path.join(BACKUP_DIR, `${safeName}-${Date.now()}.sql`);
  return new Promise((resolve, reject) => {
    const done = (err) => (err ? reject(err) : resolve());
    if (settings.compressBackup) {
      exec(`pg_dump --no-owner --dbname=${settings.backupDatabase} | gzip > "${out}.gz"`, { timeout: 600000 }, done); //@vuln CWE-78
    } else {
      execFile('pg_dump', ['--no-owner', '--dbname', settings.backupDatabase, '--file', out], { timeout: 600000 }, done); //@safe
    }
  });
}

async function loadSchedules() {
  const { rows } = await pool.query("SELECT w.id, w.name, w.settings, n.name AS node_name, n.parameters FROM workflows w JOIN workflow_nodes n ON n.workflow_id = w.id WHERE w.active = true AND n.type = 'flowhub-nodes.scheduleTrigger'");
  for (const { task } of tasks.values()) task.stop();
  tasks.clear();
  for (const row of rows) {
    const expr = (row.parameters && row.parameters.cronExpression) || '0 * * * *';
    if (!cron.validate(expr)) {
      console.warn(`[scheduler] workflow ${row.id}: invalid cron expression "${expr}"`);
      continue;
    }
    const task = cron.schedule(expr, () => {
      backupBeforeRun(row)
        .then(() => triggerWorkflow(row))
        .catch((err) => console.error(`[scheduler] workflow ${row.id} failed to start`, err.message));
    }, { timezone: (row.settings && row.settings.timezone) || 'UTC' });
    tasks.set(`${row.id}:${row.node_name}`, { task, row, expr });
  }
  console.log(`[scheduler] ${tasks.size} schedule(s) active`);
}

const api = express();
api.use(express.text({ type: '*/*', limit: '2mb' }));

api.use((req, res, next) => {
  const claims = jwt.decode(String(req.get('x-flowhub-token') || '')); //@vuln CWE-347
  if (!claims || claims.sub !== 'flowhub-server') return res.status(401).json({ message: 'unauthorized' });
  return next();
});

api.get('/schedules', (req, res) => {
  const filter = req.query.name ? new RegExp(String(req.query.name)) : null; //@vuln CWE-1333
  const list = [...tasks.values()].filter(({ row }) => !filter || filter.test(row.name));
  res.json(list.map(({ row, expr }) => ({ workflowId: row.id, name: row.name, node: row.node_name, cron: expr })));
});

api.post('/schedules/reload', async (req, res) => {
  await loadSchedules();
  res.json({ count: tasks.size });
});

// the server pushes trigger state (with Date objects) when a workflow is duplicated
api.post('/schedules/:id/state', async (req, res) => {
  const state = serialize.unserialize(req.body); //@vuln CWE-502
  await redis.hset(`schedule:${req.params.id}`, { lastRun: new Date(state.lastRun).toISOString(), runs: Number(state.runs) || 0 });
  res.status(204).end();
});

api.post('/schedules/validate-export', (req, res) => {
  const doc = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  const schedules = (doc && doc.schedules) || [];
  res.json({ total: schedules.length, invalid: schedules.filter((s) => !cron.validate(String(s.cron))).map((s) => s.workflow) });
});

async function main() {
  if (!acquireLock()) {
    console.error('[scheduler] another instance is running');
    process.exit(1);
  }
  await loadSchedules();
  const listener = new Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  await listener.query('LISTEN flowhub_workflows');
  listener.on('notification', () => loadSchedules().catch((err) => console.error('[scheduler] reload failed', err)));
  api.listen(PORT, () => console.log(`[scheduler] internal API on :${PORT}`));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
