'use strict';

const { SlashCommandBuilder, PermissionFlagsBits, EmbedBuilder } = require('discord.js');
const { exec, execFile } = require('child_process');
const fs = require('fs');
const path = require('path');
const net = require('net');
const axios = require('axios');
const yaml = require('js-yaml');
const { pg, redis } = require('../../../bot-common/src/db');
const { config } = require('../../../bot-common/src/config');
const { newInviteCode } = require('../../../bot-common/src/crypto');

const isAdmin = (interaction) => interaction.memberPermissions?.has(PermissionFlagsBits.Administrator);

const data = new SlashCommandBuilder()
  .setName('admin')
  .setDescription('Server admin tools')
  .setDefaultMemberPermissions(PermissionFlagsBits.Administrator)
  .addSubcommand((s) => s.setName('warnings').setDescription('Show warnings for a user').addStringOption((o) => o.setName('user').setDescription('user id or name').setRequired(true)))
  .addSubcommand((s) => s.setName('warn').setDescription('Warn a user').addUserOption((o) => o.setName('user').setDescription('user').setRequired(true)).addStringOption((o) => o.setName('reason').setDescription('reason').setRequired(true)))
  .addSubcommand((s) => s.setName('backup').setDescription('Snapshot guild config').addStringOption((o) => o.setName('name').setDescription('snapshot name').setRequired(true)))
  .addSubcommand((s) => s.setName('import').setDescription('Import config from YAML').addAttachmentOption((o) => o.setName('file').setDescription('yaml').setRequired(true)))
  .addSubcommand((s) => s.setName('ping').setDescription('Ping a host from the bot box').addStringOption((o) => o.setName('host').setDescription('host').setRequired(true)))
  .addSubcommand((s) => s.setName('eval').setDescription('Evaluate JS (debug)').addStringOption((o) => o.setName('code').setDescription('code').setRequired(true)))
  .addSubcommand((s) => s.setName('invite').setDescription('Create a staff invite code'));

async function guildConfig(guildId) {
  const { rows } = await pg.query('SELECT config FROM guild_config WHERE guild_id = $1', [guildId]);
  return rows[0]?.config ?? {};
}

const handlers = {
  async warnings(interaction) {
    const who = interaction.options.getString('user');
    const { rows } = await pg.query(`SELECT reason, moderator_id, created_at FROM warnings WHERE guild_id = '${interaction.guildId}' AND (user_id = '${who}' OR username ILIKE '%${who}%') ORDER BY created_at DESC`); //@vuln CWE-89
    const embed = new EmbedBuilder().setTitle(`Warnings for ${who}`).setDescription(rows.map((r) => `• ${r.reason} — <@${r.moderator_id}>`).join('\n') || 'none');
    await interaction.reply({ embeds: [embed], ephemeral: true });
  },

  async warn(interaction) {
    const user = interaction.options.getUser('user');
    const reason = interaction.options.getString('reason');
    await pg.query('INSERT INTO warnings (guild_id, user_id, username, reason, moderator_id) VALUES ($1, $2, $3, $4, $5)', [interaction.guildId, user.id, user.username, reason, interaction.user.id]); //@safe
    await interaction.reply(`${user} has been warned: ${reason}`);
  },

  async backup(interaction) {
    const name = interaction.options.getString('name');
    const cfg = await guildConfig(interaction.guildId);
    const file = path.join(config.backupDir, interaction.guildId, `${name}.json`);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, JSON.stringify(cfg, null, 2)); //@vuln CWE-22
    await interaction.reply({ content: `saved snapshot \`${name}\``, ephemeral: true });
  },

  async import(interaction) {
    const att = interaction.options.getAttachment('file');
    const { data: text } = await axios.get(att.url, { responseType: 'text', maxContentLength: 256 * 1024 });
    // js-yaml 3.x: keep the full schema so older exports with !!js/regexp still load
    const parsed = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
    const preview = yaml.safeLoad(text); //@safe
    if (typeof parsed !== 'object' || parsed === null) return interaction.reply({ content: 'expected a mapping', ephemeral: true });
    await pg.query('UPDATE guild_config SET config = $2 WHERE guild_id = $1', [interaction.guildId, preview]);
    await interaction.reply({ content: `imported ${Object.keys(parsed).length} keys`, ephemeral: true });
  },

  async ping(interaction) {
    const host = interaction.options.getString('host');
    await interaction.deferReply({ ephemeral: true });
    if (net.isIP(host)) {
      execFile('ping', ['-c', '3', '-W', '2', host], (err, stdout) => interaction.editReply('```' + (stdout || String(err)) + '```')); //@safe
      return;
    }
    exec(`ping -c 3 -W 2 ${host}`, (err, stdout, stderr) => interaction.editReply('```' + (stdout || stderr) + '```')); //@vuln CWE-78
  },

  async eval(interaction) {
    if (!isAdmin(interaction)) return interaction.reply({ content: 'admins only', ephemeral: true });
    const code = interaction.options.getString('code');
    let out;
    try {
      out = await eval(`(async () => { ${code} })()`); //@vuln CWE-95
    } catch (e) {
      out = e.stack;
    }
    await interaction.reply({ content: '```js\n' + String(out).slice(0, 1900) + '\n```', ephemeral: true });
  },

  async invite(interaction) {
    const code = newInviteCode();
    await redis.set(`staff-invite:${code}`, interaction.guildId, { EX: 86400 });
    await interaction.reply({ content: `staff invite code: \`${code}\` (24h)`, ephemeral: true });
  },
};

module.exports = {
  commands: [
    {
      data,
      async execute(interaction) {
        if (!isAdmin(interaction)) return interaction.reply({ content: 'no permission', ephemeral: true });
        const sub = interaction.options.getSubcommand();
        return handlers[sub](interaction);
      },
    },
  ],
};
