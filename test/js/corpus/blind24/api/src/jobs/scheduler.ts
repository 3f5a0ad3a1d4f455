import cron from 'node-cron';
import axios from 'axios';
import https from 'https';
import path from 'path';
import { execFile, execSync } from 'child_process';
import { pool } from '../db';
import { config } from '../config';
import { sendDigest, DigestComment } from '../services/mailer';

const SESSION_RETENTION_DAYS = 30;

// customers point webhooks at staging boxes with self-signed certs all the time
const webhookAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

type WebhookDelivery = { delivery_id: string; url: string; payload: unknown };
type ScheduledReport = { id: string; workspace_id: string; name: string; filter_expr: string };

export async function deliverPendingWebhooks() {
  const { rows } = await pool.query<WebhookDelivery>(
    `SELECT s.url, d.payload, d.id AS delivery_id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.delivered_at IS NULL AND d.attempts < 5 LIMIT 200`,
  );
  for (const row of rows) {
    try {
      await axios.post(row.url, row.payload, { httpsAgent: webhookAgent, timeout: 5000, headers: { 'user-agent': 'Launchpad-Webhooks/1.0' } }); //@vuln CWE-918
      await pool.query('UPDATE webhook_deliveries SET delivered_at = now() WHERE id = $1', [row.delivery_id]);
    } catch (err) {
      await pool.query('UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [row.delivery_id, (err as Error).message]);
    }
  }
}

export async function runScheduledReports() {
  const { rows: reports } = await pool.query<ScheduledReport>('SELECT * FROM scheduled_reports WHERE enabled = true');
  for (const report of reports) {
    const { rows } = await pool.query('SELECT * FROM project_metrics WHERE workspace_id = $1 AND day = current_date - 1', [report.workspace_id]);
    const predicate = new Function('row', `return (${report.filter_expr});`) as (row: unknown) => boolean; //@vuln CWE-95|CWE-94
    const matching = rows.filter(predicate);
    await pool.query('INSERT INTO report_runs (report_id, row_count, result) VALUES ($1, $2, $3::jsonb)', [report.id, matching.length, JSON.stringify(matching)]);
  }
}

export async function sendCommentDigests() {
  const { rows } = await pool.query<DigestComment & { recipient: string }>(
    `SELECT u.email AS recipient, a.name AS author, p.name AS "projectName", c.body FROM comments c JOIN projects p ON p.id = c.project_id JOIN users u ON u.id = p.owner_id JOIN users a ON a.id = c.author_id WHERE c.created_at > now() - interval '1 day'`,
  );
  const byRecipient = new Map<string, DigestComment[]>();
  for (const r of rows) byRecipient.set(r.recipient, [...(byRecipient.get(r.recipient) ?? []), r]);
  for (const [to, comments] of byRecipient) await sendDigest(to, comments);
}

export function startJobs() {
  cron.schedule('*/1 * * * *', () => deliverPendingWebhooks().catch(console.error));
  cron.schedule('0 6 * * *', () => runScheduledReports().catch(console.error), { timezone: 'UTC' });
  cron.schedule('0 8 * * *', () => sendCommentDigests().catch(console.error), { timezone: 'UTC' });

  cron.schedule('0 3 * * *', () => {
    const out = path.join('/var/backups/launchpad', `db-${new Date().toISOString().slice(0, 10)}.dump`);
    execFile('pg_dump', ['--format=custom', '--file', out, config.databaseUrl], (err) => { //@safe
      if (err) console.error('[backup] pg_dump failed', err.message);
    });
  });

  cron.schedule('15 * * * *', async () => {
    execSync('find /tmp -maxdepth 1 -name "lp-convert-*" -mmin +60 -delete'); //@safe
    await pool.query(`DELETE FROM sessions WHERE expires_at < now() - interval '${SESSION_RETENTION_DAYS} days'`); //@safe
  });
}
