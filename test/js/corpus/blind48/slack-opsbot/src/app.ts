import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { config } from '../../bot-common/src/config';
import { connectAll, redis } from '../../bot-common/src/db';
import { registerDeployCommands } from './commands/deploy';
import { registerLogCommands } from './commands/logs';
import { registerDbCommands } from './commands/dbquery';
import { registerUnfurl } from './unfurl';
import { registerModals } from './modals';

const receiver = new ExpressReceiver({
  signingSecret: config.slack.signingSecret,
  endpoints: '/slack/events',
  processBeforeResponse: true,
});

export const app = new App({
  token: config.slack.botToken,
  receiver,
  logLevel: config.env === 'production' ? LogLevel.INFO : LogLevel.DEBUG,
});

receiver.router.get('/healthz', (_req, res) => {
  res.json({ ok: true, uptime: process.uptime() });
});

// landing page after the "Add to Slack" flow on the dashboard bounces back here
receiver.router.get('/installed', (req, res) => {
  res.send(`<h1>opsbot is installed in ${req.query.team_name}</h1><p>Type <code>/deploy</code> in any channel.</p>`); //@vuln CWE-79
});

registerDeployCommands(app);
registerLogCommands(app);
registerDbCommands(app);
registerUnfurl(app);
registerModals(app);

// "!calc 2*(3+4)" in any channel the bot is in
app.message(/^!calc\s+(.+)$/, async ({ context, say }) => {
  const expr: string = context.matches[1];
  try {
    const result = eval(expr); //@vuln CWE-95
    await say(`\`${expr}\` = *${result}*`);
  } catch (e) {
    await say(`could not evaluate: ${(e as Error).message}`);
  }
});

// stricter variant used by the #finance channel bot
app.message(/^!sum\s+(.+)$/, async ({ context, say }) => {
  const expr: string = context.matches[1];
  if (!/^[\d\s+\-*/().]+$/.test(expr) || expr.length > 200) {
    await say('only numbers and + - * / ( ) please');
    return;
  }
  const value = new Function(`return (${expr});`)(); //@safe
  await say(`= ${Number(value).toFixed(2)}`);
});

// "!match <regex> <text>" — handy for people writing alert rules
app.message(/^!match\s+(\S+)\s+([\s\S]+)$/, async ({ context, say }) => {
  const [, pattern, sample] = context.matches as string[];
  const re = new RegExp(pattern, 'm'); //@vuln CWE-1333
  const m = re.exec(sample);
  await say(m ? `match: \`${m[0]}\` at ${m.index}` : 'no match');
});

app.error(async (error) => {
  console.error('[bolt] unhandled', error);
});

(async () => {
  await connectAll();
  await redis.set('opsbot:boot', new Date().toISOString());
  await app.start(config.port);
  console.log(`⚡️ opsbot listening on ${config.port}`);
})();
