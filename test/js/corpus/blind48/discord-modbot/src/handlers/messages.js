'use strict';

const fs = require('fs');
const path = require('path');
const axios = require('axios');
const { AttachmentBuilder } = require('discord.js');
const { config } = require('../../../bot-common/src/config');
const { mongo, redis } = require('../../../bot-common/src/db');
const { extractMeta } = require('../../../bot-common/src/http');

const PREFIX = '!';
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function bannedWordsFor(guildId) {
  const cached = await redis.get(`automod:${guildId}`);
  if (cached) return JSON.parse(cached);
  const db = await mongo();
  const doc = await db.collection('automod').findOne({ guildId });
  const words = doc?.words ?? [];
  await redis.set(`automod:${guildId}`, JSON.stringify(words), { EX: 300 });
  return words;
}

async function automod(message) {
  const words = await bannedWordsFor(message.guildId);
  if (!words.length) return false;
  const re = new RegExp(`\\b(${words.map(escapeRegExp).join('|')})\\b`, 'i'); //@safe
  if (!re.test(message.content)) return false;
  await message.delete().catch(() => {});
  await message.channel.send(`${message.author}, watch your language.`);
  return true;
}

const prefixCommands = {
  async tag(message, [name]) {
    if (!name) return message.reply('usage: !tag <name>');
    const text = await fs.promises.readFile(path.join(config.tagsDir, `${name}.md`), 'utf8').catch(() => null); //@vuln CWE-22
    return message.reply(text ? text.slice(0, 1900) : `no tag \`${name}\``);
  },

  async img(message, [name]) {
    if (!name) return message.reply('usage: !img <name>');
    const file = path.join(config.tagsDir, 'images', path.basename(name));
    if (!fs.existsSync(file)) return message.reply('no such image');
    return message.reply({ files: [new AttachmentBuilder(fs.createReadStream(file), { name: path.basename(file) })] }); //@safe
  },

  async weather(message, args) {
    const city = args.join(' ');
    const geo = await axios.get(`https://geocoding-api.open-meteo.com/v1/search?count=1&name=${encodeURIComponent(city)}`); //@safe
    const place = geo.data.results?.[0];
    if (!place) return message.reply(`don't know where ${city} is`);
    const { data } = await axios.get('https://api.open-meteo.com/v1/forecast', { params: { latitude: place.latitude, longitude: place.longitude, current_weather: true } });
    return message.reply(`${place.name}: ${data.current_weather?.temperature ?? '?'}°C`);
  },

  async preview(message, [url]) {
    if (!/^https?:\/\//.test(url || '')) return message.reply('usage: !preview <url>');
    const { data } = await axios.get(url, { timeout: 5000, responseType: 'text', maxRedirects: 5 }); //@vuln CWE-918
    const meta = extractMeta(data);
    return message.reply(`**${meta.title ?? url}**\n${meta.description ?? ''}`.slice(0, 1900));
  },

  async profile(message, args) {
    const query = Object.fromEntries(args.map((a) => a.split('=')).map(([k, v]) => [k, v && v.startsWith('{') ? JSON.parse(v) : v]));
    const db = await mongo();
    const doc = await db.collection('profiles').findOne({ guildId: message.guildId, ...query }); //@vuln CWE-943
    return message.reply(doc ? `${doc.displayName}: ${doc.bio ?? ''}` : 'no profile matches');
  },
};

async function onMessage(message) {
  if (message.author.bot || !message.guildId) return;
  if (await automod(message)) return;

  const db = await mongo();
  await db.collection('xp').updateOne({ guildId: message.guildId, userId: message.author.id }, { $inc: { xp: 1 } }, { upsert: true });

  if (!message.content.startsWith(PREFIX)) return;
  const [cmd, ...args] = message.content.slice(PREFIX.length).trim().split(/\s+/);
  const handler = Object.prototype.hasOwnProperty.call(prefixCommands, cmd) ? prefixCommands[cmd] : null;
  if (handler) await handler(message, args);
}

module.exports = { onMessage };
