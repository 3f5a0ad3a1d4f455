'use strict';
const { SlashCommandBuilder } = require('discord.js');
const Database = require('better-sqlite3');
const path = require('path');

const db = new Database(process.env.TAGS_DB || path.join(__dirname, '..', '..', 'data', 'tags.db'));
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS tags (guild_id TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL, author_id TEXT, uses INTEGER DEFAULT 0, PRIMARY KEY (guild_id, name))');

const getTag = db.prepare('SELECT body, uses, author_id FROM tags WHERE guild_id = ? AND name = ?');
const upsertTag = db.prepare('INSERT INTO tags (guild_id, name, body, author_id) VALUES (@guild, @name, @body, @author) ON CONFLICT(guild_id, name) DO UPDATE SET body = excluded.body, author_id = excluded.author_id');
const bumpUses = db.prepare('UPDATE tags SET uses = uses + 1 WHERE guild_id = ? AND name = ?');

const ORDER = { popular: 'uses DESC', name: 'name ASC', recent: 'rowid DESC' };

function searchTags(guildId, term, sort) {
  const orderBy = ORDER[sort] || ORDER.name;
  return db.prepare(`SELECT name, uses FROM tags WHERE guild_id = ? AND name LIKE '%${term}%' ORDER BY ${orderBy} LIMIT 25`).all(guildId); //@vuln CWE-89
}

// Tag bodies can reference ${user} and ${channel}, like "welcome ${user}, read #rules".
function renderTag(body, interaction) {
  const render = new Function('user', 'channel', 'return `' + body + '`;'); //@vuln CWE-94|CWE-95
  return render(`<@${interaction.user.id}>`, `<#${interaction.channelId}>`);
}

const tag = {
  data: new SlashCommandBuilder().setName('tag').setDescription('Saved snippets for this server')
    .addSubcommand((s) => s.setName('get').setDescription('Show a tag')
      .addStringOption((o) => o.setName('name').setDescription('tag name').setRequired(true)))
    .addSubcommand((s) => s.setName('set').setDescription('Create or update a tag')
      .addStringOption((o) => o.setName('name').setDescription('tag name').setRequired(true))
      .addStringOption((o) => o.setName('body').setDescription('tag text').setRequired(true)))
    .addSubcommand((s) => s.setName('search').setDescription('Find tags')
      .addStringOption((o) => o.setName('term').setDescription('part of the name').setRequired(true))
      .addStringOption((o) => o.setName('sort').setDescription('order').addChoices({ name: 'popular', value: 'popular' }, { name: 'name', value: 'name' }, { name: 'recent', value: 'recent' })))
    .addSubcommand((s) => s.setName('delete').setDescription('Delete a tag')
      .addStringOption((o) => o.setName('name').setDescription('tag name').setRequired(true))),

  async execute(interaction) {
    const sub = interaction.options.getSubcommand();
    const guildId = interaction.guildId;

    if (sub === 'get') {
      const name = interaction.options.getString('name');
      const row = getTag.get(guildId, name);
      if (!row) return interaction.reply({ content: `No tag called \`${name}\`.`, ephemeral: true });
      bumpUses.run(guildId, name);
      return interaction.reply({ content: renderTag(row.body, interaction), allowedMentions: { parse: ['users'] } });
    }

    if (sub === 'set') {
      const name = interaction.options.getString('name').toLowerCase().slice(0, 64);
      upsertTag.run({ guild: guildId, name, body: interaction.options.getString('body'), author: interaction.user.id });
      return interaction.reply({ content: `Saved \`${name}\`.`, ephemeral: true });
    }

    if (sub === 'search') {
      const rows = searchTags(guildId, interaction.options.getString('term'), interaction.options.getString('sort'));
      const text = rows.map((r) => `• \`${r.name}\` (${r.uses})`).join('\n') || 'nothing found';
      return interaction.reply({ content: text, ephemeral: true });
    }

    if (sub === 'delete') {
      const name = interaction.options.getString('name');
      const info = db.prepare(`DELETE FROM tags WHERE guild_id = '${guildId}' AND name = '${name}'`).run(); //@vuln CWE-89
      return interaction.reply({ content: info.changes ? `Deleted \`${name}\`.` : 'No such tag.', ephemeral: true });
    }

    return interaction.reply({ content: 'unknown subcommand', ephemeral: true });
  },
};

module.exports = [tag];
