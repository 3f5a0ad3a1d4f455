'use strict';

const { SlashCommandBuilder, ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } = require('discord.js');
const { mysqlPool, redis } = require('../../../bot-common/src/db');

const pollCmd = new SlashCommandBuilder()
  .setName('poll')
  .setDescription('Polls')
  .addSubcommand((s) => s.setName('create').setDescription('Create a poll')
    .addStringOption((o) => o.setName('question').setDescription('question').setRequired(true))
    .addStringOption((o) => o.setName('options').setDescription('options separated by ;').setRequired(true))
    .addIntegerOption((o) => o.setName('hours').setDescription('close after N hours').setMinValue(1).setMaxValue(168)))
  .addSubcommand((s) => s.setName('results').setDescription('Show results').addStringOption((o) => o.setName('id').setDescription('poll id').setRequired(true)))
  .addSubcommand((s) => s.setName('close').setDescription('Close a poll').addIntegerOption((o) => o.setName('id').setDescription('poll id').setRequired(true)))
  .addSubcommand((s) => s.setName('search').setDescription('Find polls').addStringOption((o) => o.setName('text').setDescription('text').setRequired(true)));

async function create(interaction) {
  const question = interaction.options.getString('question');
  const options = interaction.options.getString('options').split(';').map((s) => s.trim()).filter(Boolean).slice(0, 5);
  const hours = interaction.options.getInteger('hours') ?? 24;
  const [res] = await mysqlPool.execute('INSERT INTO polls (platform, guild_id, channel_id, question, options, closes_at, created_by) VALUES (?, ?, ?, ?, ?, DATE_ADD(NOW(), INTERVAL ? HOUR), ?)', ['discord', interaction.guildId, interaction.channelId, question, JSON.stringify(options), hours, interaction.user.id]); //@safe
  const row = new ActionRowBuilder().addComponents(
    options.map((opt, i) => new ButtonBuilder().setCustomId(`vote:${res.insertId}:${i}`).setLabel(opt.slice(0, 80)).setStyle(ButtonStyle.Primary)),
  );
  await interaction.reply({ content: `📊 **${question}**`, components: [row] });
}

async function results(interaction) {
  const pollId = interaction.options.getString('id');
  const [rows] = await mysqlPool.query(`SELECT option_idx, COUNT(*) AS n FROM poll_votes WHERE poll_id = ${pollId} GROUP BY option_idx`); //@vuln CWE-89
  const [[poll]] = await mysqlPool.query('SELECT question, options FROM polls WHERE id = ?', [pollId]);
  if (!poll) return interaction.reply({ content: 'no such poll', ephemeral: true });
  const opts = JSON.parse(poll.options);
  const embed = new EmbedBuilder().setTitle(poll.question).setDescription(opts.map((o, i) => `${o}: **${rows.find((r) => r.option_idx === i)?.n ?? 0}**`).join('\n'));
  await interaction.reply({ embeds: [embed] });
}

async function close(interaction) {
  const id = interaction.options.getInteger('id');
  await mysqlPool.query(`UPDATE polls SET closed = 1 WHERE id = ${id} AND created_by = ${mysqlPool.escape(interaction.user.id)}`); //@safe
  await redis.del(`poll:${id}:tally`);
  await interaction.reply({ content: `poll #${id} closed`, ephemeral: true });
}

async function search(interaction) {
  const text = interaction.options.getString('text');
  const [rows] = await mysqlPool.query(`SELECT id, question FROM polls WHERE guild_id = ? AND question LIKE '%${text}%' ORDER BY id DESC LIMIT 10`, [interaction.guildId]); //@vuln CWE-89
  await interaction.reply({ content: rows.map((r) => `#${r.id} ${r.question}`).join('\n') || 'nothing found', ephemeral: true });
}

async function handleVoteButton(interaction) {
  const [, pollId, idx] = interaction.customId.split(':');
  await mysqlPool.execute('INSERT INTO poll_votes (poll_id, user_id, option_idx) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE option_idx = VALUES(option_idx)', [pollId, interaction.user.id, Number(idx)]);
  await redis.hIncrBy(`poll:${pollId}:tally`, idx, 1);
  await interaction.reply({ content: 'vote recorded ✅', ephemeral: true });
}

module.exports = {
  handleVoteButton,
  commands: [
    {
      data: pollCmd,
      async execute(interaction) {
        const sub = interaction.options.getSubcommand();
        if (sub === 'create') return create(interaction);
        if (sub === 'results') return results(interaction);
        if (sub === 'close') return close(interaction);
        if (sub === 'search') return search(interaction);
      },
    },
  ],
};
