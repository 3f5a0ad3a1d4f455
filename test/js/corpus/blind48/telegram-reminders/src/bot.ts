import { Telegraf, Context } from 'telegraf';
import express from 'express';
import cron from 'node-cron';
import fs from 'fs';
import { exec } from 'child_process';
import { promisify } from 'util';
import { config } from '../../bot-common/src/config';
import { connectAll, redis } from '../../bot-common/src/db';
import { parseArgs } from '../../bot-common/src/util';
import * as repo from './reminders';

const execAsync = promisify(exec);
const bot = new Telegraf(config.telegram.token);

const DURATION_RE = /^(\d{1,4})(m|h|d)$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

function argText(ctx: Context): string {
  const text = ctx.message && 'text' in ctx.message ? ctx.message.text : '';
  return text.replace(/^\/\w+(@\w+)?\s*/, '');
}

bot.start((ctx) => ctx.reply('Hi! Try /remind 10m stretch your legs'));

// /remind 30m take the pizza out   |  /remind 1d every water the plants
bot.command('remind', async (ctx) => {
  const [when, ...rest] = parseArgs(argText(ctx));
  const m = DURATION_RE.exec(when || '');
  if (!m || rest.length === 0) return ctx.reply('usage: /remind <10m|2h|1d> [every] <text>');
  const repeat = rest[0] === 'every' ? `${m[1]} ${({ m: 'minutes', h: 'hours', d: 'days' } as any)[m[2]]}` : null;
  const text = (repeat ? rest.slice(1) : rest).join(' ');
  const due = new Date(Date.now() + Number(m[1]) * UNIT_MS[m[2]]);
  const r = await repo.createReminder(ctx.chat.id, ctx.from.id, text, due, repeat);
  return ctx.reply(`ok, #${r.id} at ${due.toISOString()}${repeat ? ` (every ${repeat})` : ''}`);
});

bot.command('list', async (ctx) => {
  const items = await repo.listReminders(ctx.chat.id);
  return ctx.reply(items.map((r) => `#${r.id} ${r.due_at.toISOString()} — ${r.text}`).join('\n') || 'nothing scheduled');
});

bot.command('cancel', async (ctx) => {
  const id = argText(ctx).trim();
  const n = await repo.cancelReminder(ctx.chat.id, id);
  return ctx.reply(n ? `cancelled ${n}` : 'no such reminder');
});

bot.command('search', async (ctx) => {
  const items = await repo.searchReminders(ctx.chat.id, argText(ctx).trim());
  return ctx.reply(items.map((r) => `#${r.id} ${r.text}`).join('\n') || 'no matches');
});

bot.command('share', async (ctx) => {
  const token = await repo.createShareToken(ctx.chat.id);
  return ctx.reply(`${config.publicUrl}/r/${token}`);
});

// /export myfile  → sends back a CSV
bot.command('export', async (ctx) => {
  const name = argText(ctx).trim() || `reminders-${Date.now()}`;
  const file = await repo.exportCsv(ctx.chat.id, name);
  return ctx.replyWithDocument({ source: fs.createReadStream(file), filename: 'reminders.csv' });
});

// /download myfile.csv → re-send a previous export
bot.command('download', async (ctx) => {
  const name = argText(ctx).trim();
  let file: string;
  try { file = repo.exportPath(ctx.chat.id, name); } catch { return ctx.reply('invalid name'); }
  return ctx.replyWithDocument({ source: fs.createReadStream(file), filename: 'reminders.csv' }); //@safe
});

// /time Europe/Berlin
bot.command('time', async (ctx) => {
  const zone = argText(ctx).trim() || 'UTC';
  const { stdout } = await execAsync(`TZ=${zone} date '+%Y-%m-%d %H:%M %Z'`); //@vuln CWE-78
  return ctx.reply(stdout.trim());
});

// /tz Europe/Berlin — stores the chat's timezone
bot.command('tz', async (ctx) => {
  const zone = argText(ctx).trim();
  try { new Intl.DateTimeFormat('en-GB', { timeZone: zone }); } catch { return ctx.reply('unknown time zone'); }
  const { stdout } = await execAsync(`TZ='${zone}' date '+%H:%M %Z'`); //@safe
  await redis.set(`tg:tz:${ctx.chat.id}`, zone);
  return ctx.reply(`timezone set, it is ${stdout.trim()} there`);
});

cron.schedule('* * * * *', async () => {
  for (const r of await repo.dueReminders()) {
    try {
      await bot.telegram.sendMessage(r.chat_id, `⏰ ${r.text}`);
      await repo.markFired(r);
    } catch (e) {
      console.error(`failed to fire reminder ${r.id}`, e);
    }
  }
});

(async () => {
  await connectAll();
  const web = express();
  web.use(express.json());
  web.use(await bot.createWebhook({ domain: config.publicUrl, path: config.telegram.webhookPath }));
  web.get('/healthz', (_req, res) => res.send('ok'));
  web.listen(config.port + 2, () => console.log(`telegram bot webhook on ${config.port + 2}`));
})();
