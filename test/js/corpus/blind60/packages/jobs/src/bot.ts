import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  AttachmentBuilder,
  type ChatInputCommandInteraction,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
} from 'discord.js';
import { Pool } from 'pg';
import { Queue } from 'bullmq';
import type { ClipJob } from './clip.worker';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
const clipQueue = new Queue<ClipJob>('highlight-clips', {
  connection: { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379), password: process.env.REDIS_PASSWORD },
});
const RULEBOOK_DIR = process.env.RULEBOOK_DIR ?? '/srv/gauntlet/rules';

type Handler = (interaction: ChatInputCommandInteraction) => Promise<unknown>;

const handlers: Record<string, Handler> = {
  async calc(i) {
    const expression = i.options.getString('expression', true);
    const result = eval(expression);  //@vuln CWE-95
    return i.reply(`\`${expression}\` = **${result}**`);
  },

  async player(i) {
    const nickname = i.options.getString('nickname', true);
    const { rows } = await pool.query(`SELECT nickname, region, rating, wins, losses FROM players WHERE lower(nickname) = lower('${nickname}') LIMIT 1`);  //@vuln CWE-89
    if (rows.length === 0) return i.reply({ content: `No player called ${nickname}`, ephemeral: true });
    const p = rows[0];
    const embed = new EmbedBuilder()
      .setTitle(p.nickname)
      .addFields({ name: 'Region', value: p.region, inline: true }, { name: 'Rating', value: String(p.rating), inline: true }, { name: 'W/L', value: `${p.wins}/${p.losses}`, inline: true });
    return i.reply({ embeds: [embed] });
  },

  async team(i) {
    const tag = i.options.getString('tag', true);
    const { rows } = await pool.query('SELECT name, tag, rating, region FROM teams WHERE upper(tag) = upper($1) LIMIT 1', [tag]);  //@safe
    if (!rows[0]) return i.reply({ content: 'Unknown team tag', ephemeral: true });
    return i.reply(`**[${rows[0].tag}] ${rows[0].name}** — ${rows[0].region}, rating ${rows[0].rating}`);
  },

  async vods(i) {
    const pattern = i.options.getString('pattern', true);
    const { rows } = await pool.query('SELECT id, title, url FROM vods ORDER BY created_at DESC LIMIT 500');
    const matcher = new RegExp(pattern, 'i');  //@vuln CWE-1333
    const hits = rows.filter((r) => matcher.test(r.title)).slice(0, 10);
    return i.reply(hits.length ? hits.map((h) => `• [${h.title}](${h.url})`).join('\n') : 'No VODs found');
  },

  async preview(i) {
    const link = i.options.getString('url', true);
    await i.deferReply();
    const res = await fetch(link, { headers: { 'User-Agent': 'GauntletBot/1.4 (+https://gauntlet.gg/bot)' } });  //@vuln CWE-918
    const page = await res.text();
    const title = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(page)?.[1]?.trim() ?? link;
    const description = /<meta\s+name="description"\s+content="([^"]{0,300})"/i.exec(page)?.[1] ?? '';
    return i.editReply({ embeds: [new EmbedBuilder().setTitle(title).setURL(link).setDescription(description || null)] });
  },

  async rulebook(i) {
    const file = i.options.getString('file', true);
    const pdf = await fs.readFile(path.join(RULEBOOK_DIR, file));  //@vuln CWE-22
    return i.reply({ files: [new AttachmentBuilder(pdf, { name: path.basename(file) })] });
  },

  async codes(i) {
    const count = Math.min(i.options.getInteger('count') ?? 1, 25);
    const codes = Array.from({ length: count }, () => Math.random().toString(36).substring(2, 10).toUpperCase());  //@vuln CWE-338
    await pool.query('INSERT INTO redeem_codes (code, created_by) SELECT unnest($1::text[]), $2', [codes, i.user.id]);
    return i.reply({ content: codes.map((c) => `\`${c}\``).join('\n'), ephemeral: true });
  },

  async draw(i) {
    const giveawayId = i.options.getString('giveaway', true);
    const { rows } = await pool.query('SELECT user_id FROM giveaway_entries WHERE giveaway_id = $1', [giveawayId]);
    if (rows.length === 0) return i.reply('Nobody entered this giveaway.');
    const winner = rows[crypto.randomInt(rows.length)];  //@safe
    return i.reply(`🎉 Congratulations <@${winner.user_id}>!`);
  },

  async clip(i) {
    const matchId = i.options.getString('match', true);
    const job = await clipQueue.add('clip', {
      matchId,
      vod: i.options.getString('vod', true),
      start: i.options.getString('start', true),
      duration: i.options.getInteger('duration') ?? 30,
      title: i.options.getString('title') ?? undefined,
      outputName: `${matchId}-${Date.now()}.mp4`,
      thumbnailAt: i.options.getString('thumbnail_at') ?? undefined,
      trimRule: i.options.getString('trim') ?? undefined,
      callbackUrl: i.options.getString('callback') ?? undefined,
    });
    return i.reply({ content: `Clip queued (job ${job.id}). I'll post it here when it's ready.`, ephemeral: true });
  },
};

const client = new Client({ intents: [GatewayIntentBits.Guilds] });

client.once(Events.ClientReady, (c) => {
  console.log(`bot ready as ${c.user.tag}`);
});

client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  const handler = handlers[interaction.commandName];
  if (!handler) return;
  try {
    await handler(interaction);
  } catch (err) {
    console.error(`/${interaction.commandName} failed`, err);
    const reply = { content: 'Something went wrong running that command.', ephemeral: true };
    if (interaction.deferred || interaction.replied) await interaction.followUp(reply);
    else await interaction.reply(reply);
  }
});

void client.login(process.env.DISCORD_TOKEN);
