'use strict';
const { Client, GatewayIntentBits, Collection, REST, Routes, Events } = require('discord.js');
const config = require('../../shared/config');
const { unfurl } = require('../../shared/http');
const opsCommands = require('./commands/ops');
const tagCommands = require('./commands/tags');

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
});

client.commands = new Collection();
for (const cmd of [...opsCommands, ...tagCommands]) client.commands.set(cmd.data.name, cmd);

async function registerCommands() {
  const rest = new REST({ version: '10' }).setToken(config.discord.token);
  await rest.put(Routes.applicationCommands(config.discord.clientId), { body: client.commands.map((c) => c.data.toJSON()) });
}

client.once(Events.ClientReady, (c) => console.log(`logged in as ${c.user.tag}`));

client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  const command = client.commands.get(interaction.commandName);
  if (!command) return;
  try {
    await command.execute(interaction);
  } catch (err) {
    console.error(`/${interaction.commandName} failed`, err);
    const reply = { content: 'Something went wrong running that command.', ephemeral: true };
    if (interaction.deferred || interaction.replied) await interaction.followUp(reply);
    else await interaction.reply(reply);
  }
});

// Auto-unfurl links posted in incident channels so responders see status pages inline.
const UNFURL_CHANNELS = new Set((process.env.UNFURL_CHANNELS || '').split(',').filter(Boolean));

client.on(Events.MessageCreate, async (message) => {
  if (message.author.bot || !UNFURL_CHANNELS.has(message.channelId)) return;
  const links = message.content.match(/https?:\/\/[^\s<>]+/g);
  if (!links) return;
  for (const link of links.slice(0, 2)) {
    try {
      const card = await unfurl(link);
      await message.reply({
        embeds: [{ title: card.title.slice(0, 250), description: (card.description || '').slice(0, 500), url: card.url }],
        allowedMentions: { parse: [] },
      });
    } catch (e) { /* dead links are common in incident chatter */ }
  }
});

registerCommands().then(() => client.login(config.discord.token)).catch((err) => { console.error(err); process.exit(1); });
