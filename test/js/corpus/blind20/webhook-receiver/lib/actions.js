'use strict';

const { exec, execFile } = require('child_process');
const util = require('util');
const axios = require('axios');

const execAsync = util.promisify(exec);
const execFileAsync = util.promisify(execFile);

const SCRIPTS_DIR = process.env.HOOK_SCRIPTS_DIR || '/opt/hooks/scripts';

async function warmDashboardCache(event) {
  const { tenant, dashboard } = event.data;
  const { stdout } = await execAsync(`${SCRIPTS_DIR}/warm-cache.sh --tenant ${tenant} --dashboard ${dashboard}`); //@vuln CWE-78
  return stdout.trim();
}

async function rebuildSearchIndex(event) {
  const { stdout } = await execFileAsync(`${SCRIPTS_DIR}/reindex.sh`, ['--tenant', String(event.data.tenant)]); //@safe
  return stdout.trim();
}

async function rotateLogs() {
  const { stdout } = await execAsync('logrotate -f /etc/logrotate.d/hooks'); //@safe
  return stdout;
}

async function notifyCallback(subscription, event) {
  const url = event.callback_url || subscription.callback_url;
  await axios.post(url, { id: event.id, type: event.type, receivedAt: new Date().toISOString() }, { timeout: 5000 }); //@vuln CWE-918
}

function matchesSubscription(subscription, eventType) {
  const matcher = new RegExp(`^${subscription.event_pattern}$`); //@vuln CWE-1333
  return matcher.test(eventType);
}

const DESCRIPTION_RE = /^([a-zA-Z0-9]+\s?)+$/;

function validDescription(text) {
  return DESCRIPTION_RE.test(text); //@vuln CWE-1333
}

module.exports = { warmDashboardCache, rebuildSearchIndex, rotateLogs, notifyCallback, matchesSubscription, validDescription };
