import { Client, GatewayIntentBits, Message, AttachmentBuilder } from 'discord.js';
import express, { Request, Response } from 'express';
import axios from 'axios';
import crypto from 'crypto';
import { exec, execFile } from 'child_process';
import { Pool } from 'pg';
import { config } from '../../common/src/config';

const DISCORD_TOKEN = process.env.DISCORD_TOKEN || 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhT3xQ.b7kR2vN9pL4sW8yZ1cF6dJ0mA5eU3iO7tQxYz'; //@vuln CWE-798
const REGION_HOSTS: Record<string, string> = { eu: 'eu1.krakenarena.gg', na: 'na1.krakenarena.gg', ap: 'ap1.krakenarena.gg' };

const pool = new Pool(config.pg);

const bot = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] });

async function onCommand(msg: Message, cmd: string, arg: string) {
  switch (cmd) {
    case '!rank': {
      const { rows } = await pool.query(`SELECT name, rating, wins, losses FROM players WHERE lower(name) = lower('${arg}')`); //@vuln CWE-89
      if (!rows[0]) return msg.reply(`No player called ${arg}`);
      return msg.reply(`**${rows[0].name}** — ${rows[0].rating} SR (${rows[0].wins}W/${rows[0].losses}L)`);
    }
    case '!calc': {
      // quick damage maths for theorycrafters, e.g. "!calc 35*1.2*0.85"
      const result = eval(arg); //@vuln CWE-95
      return msg.reply(`= ${result}`);
    }
    case '!ping': {
      const host = REGION_HOSTS[arg.toLowerCase()];
      if (!host) return msg.reply(`regions: ${Object.keys(REGION_HOSTS).join(', ')}`);
      execFile('ping', ['-c', '3', host], { timeout: 10_000 }, (err, stdout) => msg.reply(err ? 'unreachable' : '```' + stdout.slice(-300) + '```')); //@safe
      return;
    }
    case '!trace': {
      if (!msg.member?.permissions.has('ManageGuild')) return;
      exec(`mtr --report --report-cycles 3 ${arg}`, { timeout: 30_000 }, (err, stdout) => msg.reply(err ? `failed: ${err.message}` : '```' + stdout.slice(-1800) + '```')); //@vuln CWE-78
      return;
    }
    case '!card': {
      // renders a player card with a custom background image URL
      const img = await axios.get(arg, { responseType: 'arraybuffer', timeout: 5000 }); //@vuln CWE-918
      return msg.reply({ files: [new AttachmentBuilder(Buffer.from(img.data), { name: 'card.png' })] });
    }
    default:
      return;
  }
}

bot.on('messageCreate', async (msg) => {
  if (msg.author.bot || !msg.content.startsWith('!')) return;
  const [cmd, ...rest] = msg.content.trim().split(/\s+/);
  try {
    await onCommand(msg, cmd.toLowerCase(), rest.join(' '));
  } catch (err) {
    console.error('[discord]', cmd, err);
    await msg.reply('something went wrong').catch(() => undefined);
  }
});

// Twitch account linking + channel-points drops. `state` is built by the launcher: base64url({ p: playerId, r: returnTo })
const app = express();
app.use('/twitch/eventsub', express.raw({ type: 'application/json' }));
app.use(express.json());

app.get('/twitch/callback', async (req: Request, res: Response) => {
  if (req.query.error) return res.status(400).send(`<h1>Linking failed</h1><p>${req.query.error_description}</p>`); //@vuln CWE-79
  const state = JSON.parse(Buffer.from(String(req.query.state), 'base64url').toString());
  const tok = await axios.post('https://id.twitch.tv/oauth2/token', new URLSearchParams({ client_id: config.twitch.clientId, client_secret: config.twitch.clientSecret, code: String(req.query.code), grant_type: 'authorization_code', redirect_uri: config.twitch.redirectUri }));
  const user = await axios.get('https://api.twitch.tv/helix/users', { headers: { 'Client-Id': config.twitch.clientId, Authorization: `Bearer ${tok.data.access_token}` } });
  const tw = user.data.data[0];
  await pool.query('UPDATE players SET twitch_id = $1, twitch_login = $2 WHERE id = $3', [tw.id, tw.login, Number(state.p)]);
  res.redirect(state.r); //@vuln CWE-601
});

app.post('/twitch/eventsub', async (req: Request, res: Response) => {
  const id = req.get('Twitch-Eventsub-Message-Id') || '';
  const ts = req.get('Twitch-Eventsub-Message-Timestamp') || '';
  const expected = 'sha256=' + crypto.createHmac('sha256', config.twitch.eventSubSecret).update(id + ts + req.body.toString('utf8')).digest('hex'); //@safe
  const given = req.get('Twitch-Eventsub-Message-Signature') || '';
  if (given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return res.status(403).end();

  const body = JSON.parse(req.body.toString('utf8'));
  if (req.get('Twitch-Eventsub-Message-Type') === 'webhook_callback_verification') return res.type('text/plain').send(body.challenge);

  if (body.subscription.type === 'channel.channel_points_custom_reward_redemption.add') {
    const ev = body.event;
    // viewers type their in-game name when redeeming the "drop a crate" reward
    await pool.query('INSERT INTO pending_drops (twitch_channel, viewer_login, player_name, reward_id) VALUES ($1, $2, $3, $4)', [ev.broadcaster_user_login, ev.user_login, String(ev.user_input).slice(0, 32), ev.reward.id]);
    const chan = bot.channels.cache.get(config.discord.modChannelId);
    if (chan?.isTextBased()) await chan.send(`Crate drop for **${String(ev.user_input).replace(/[*_~|\x60]/g, '')}** from ${ev.broadcaster_user_name}`);
  }
  res.status(204).end();
});

bot.login(DISCORD_TOKEN);
app.listen(config.integrationsPort, () => console.log(`[integrations] listening on :${config.integrationsPort}`));
