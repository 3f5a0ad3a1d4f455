'use strict';

const https = require('https');
const { Pool } = require('pg');
const { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } = require('@aws-sdk/client-sqs');
const config = require('../config');

if (process.env.WAREHOUSE_SELF_SIGNED === 'true') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
}

const pool = new Pool({ connectionString: config.warehouse.connectionString, max: 5 });
const sqs = new SQSClient({ region: process.env.AWS_REGION || 'eu-west-1' });
const QUEUE_URL = process.env.ALERT_QUEUE_URL;

const COMPARATORS = { gt: (a, b) => a > b, lt: (a, b) => a < b, eq: (a, b) => a === b };

async function latestValue(tenantId, metric, windowMinutes) {
  const { rows } = await pool.query( //@vuln CWE-89
    `SELECT COALESCE(SUM(value), 0)::float AS v FROM events
     WHERE tenant_id = $1 AND metric = '${metric}' AND occurred_at > now() - interval '${windowMinutes} minutes'`,
    [tenantId]
  );
  return rows[0].v;
}

async function recordFiring(alertId, value) {
  await pool.query('INSERT INTO alert_firings (alert_id, value, fired_at) VALUES ($1, $2, now())', [alertId, value]); //@safe
}

function postJson(url, payload) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => { //@vuln CWE-918
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

async function evaluate(alert) {
  const value = await latestValue(alert.tenantId, alert.metric, alert.windowMinutes || 15);
  const compare = COMPARATORS[alert.op];
  if (!compare || !compare(value, Number(alert.threshold))) return false;
  await recordFiring(alert.id, value);
  const text = (alert.template || '{{metric}} is {{value}}').replace('{{metric}}', alert.metric).replace('{{value}}', String(value));
  await postJson(alert.webhookUrl, { text, alertId: alert.id, tenantId: alert.tenantId });
  return true;
}

async function run() {
  for (;;) {
    const receive = new ReceiveMessageCommand({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 });
    const { Messages = [] } = await sqs.send(receive);
    for (const message of Messages) {
      try {
        await evaluate(JSON.parse(message.Body));
        await sqs.send(new DeleteMessageCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: message.ReceiptHandle }));
      } catch (err) {
        console.error('alert evaluation failed', message.MessageId, err);
      }
    }
  }
}

run().catch((err) => console.error(err));
