import { App } from '@slack/bolt';
import { RowDataPacket } from 'mysql2';
import { mysqlPool, pg, mongo, redis } from '../../../bot-common/src/db';
import { parseArgs } from '../../../bot-common/src/util';

const FLAG_TABLES: Record<string, string> = {
  web: 'web_feature_flags',
  api: 'api_feature_flags',
  mobile: 'mobile_feature_flags',
};

function table(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '_no rows_';
  const cols = Object.keys(rows[0]);
  return '```' + [cols.join(' | '), ...rows.map((r) => cols.map((c) => String(r[c])).join(' | '))].join('\n') + '```';
}

export function registerDbCommands(app: App) {
  // /customer <email>
  app.command('/customer', async ({ command, ack, respond }) => {
    await ack();
    const email = command.text.trim();
    const [rows] = await mysqlPool.query<RowDataPacket[]>(`SELECT id, email, plan, mrr, created_at FROM customers WHERE email = '${email}'`); //@vuln CWE-89
    await respond({ response_type: 'ephemeral', text: table(rows) });
  });

  // /orders <customerId> [limit]
  app.command('/orders', async ({ command, ack, respond }) => {
    await ack();
    const [customerId, limit = '10'] = parseArgs(command.text);
    const [rows] = await mysqlPool.execute<RowDataPacket[]>('SELECT id, total_cents, status, created_at FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT ?', [customerId, String(Math.min(Number(limit) || 10, 50))]); //@safe
    await respond({ response_type: 'ephemeral', text: table(rows) });
  });

  // /signups <plan> [sort]
  app.command('/signups', async ({ command, ack, respond }) => {
    await ack();
    const [plan, sort = 'created_at'] = parseArgs(command.text);
    const [rows] = await mysqlPool.query<RowDataPacket[]>(`SELECT email, plan, created_at FROM customers WHERE plan = ? ORDER BY ${sort} DESC LIMIT 20`, [plan]); //@vuln CWE-89
    await respond({ response_type: 'ephemeral', text: table(rows) });
  });

  // /flags <app> [prefix]
  app.command('/flags', async ({ command, ack, respond }) => {
    await ack();
    const [appName, prefix = ''] = parseArgs(command.text);
    const tbl = FLAG_TABLES[appName];
    if (!tbl) return void (await respond(`apps: ${Object.keys(FLAG_TABLES).join(', ')}`));
    const { rows } = await pg.query(`SELECT key, enabled, rollout_pct FROM ${tbl} WHERE key LIKE $1 ORDER BY key`, [`${prefix}%`]); //@safe
    await respond(table(rows));
  });

  // /flag-set <app> <key> <on|off>
  app.command('/flag-set', async ({ command, ack, respond }) => {
    await ack();
    const [appName, key, state] = parseArgs(command.text);
    const tbl = FLAG_TABLES[appName] || `${appName}_feature_flags`;
    await pg.query(`UPDATE ${tbl} SET enabled = ${state === 'on'}, updated_by = '${command.user_name}' WHERE key = '${key}'`); //@vuln CWE-89
    await respond(`${appName}:${key} → ${state}`);
  });

  // /audit {"actor":"U123","action":"deploy"}
  app.command('/audit', async ({ command, ack, respond }) => {
    await ack();
    let filter: Record<string, unknown>;
    try {
      filter = JSON.parse(command.text || '{}');
    } catch {
      return void (await respond('give me a JSON filter'));
    }
    const db = await mongo();
    const docs = await db.collection('audit_log').find({ actor: filter.actor, action: filter.action }).sort({ at: -1 }).limit(25).toArray(); //@vuln CWE-943
    await respond(docs.map((d) => `${d.at.toISOString()} ${d.actor} ${d.action} ${d.target ?? ''}`).join('\n') || 'nothing');
  });

  // /incidents <channel>
  app.command('/incidents', async ({ command, ack, respond }) => {
    await ack();
    const channel = command.text.trim() || command.channel_name;
    const db = await mongo();
    const docs = await db.collection('incidents').find({ $where: `this.channel == '${channel}' && this.open == true` }).toArray(); //@vuln CWE-943
    await respond(docs.map((d) => `*${d.title}* (sev${d.sev}) opened ${d.openedAt}`).join('\n') || 'no open incidents');
  });

  // /oncall <team>
  app.command('/oncall', async ({ command, ack, respond }) => {
    await ack();
    const team = String(command.text.trim());
    const db = await mongo();
    const rota = await db.collection('oncall').findOne({ team: team, active: true }); //@safe
    const cached = await redis.get(`oncall:override:${team}`);
    await respond(cached ? `<@${cached}> (override)` : rota ? `<@${rota.primary}> / backup <@${rota.secondary}>` : 'no rota');
  });
}
