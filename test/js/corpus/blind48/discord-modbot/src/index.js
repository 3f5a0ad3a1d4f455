'use strict';

require('ts-node/register/transpile-only');

const { Client, Collection, Events, GatewayIntentBits, Partials, REST, Routes } = require('discord.js');
const { config } = require('../../bot-common/src/config');
const { connectAll } = require('../../bot-common/src/db');
const admin = require('./commands/admin');
const polls = require('./commands/polls');
const { onMessage } = require('./handlers/messages');

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.GuildMembers, GatewayIntentBits.MessageContent],
  partials: [Partials.Channel],
});

client.commands = new Collection();
for (const mod of [admin, polls]) {
  for (const cmd of mod.commands) client.commands.set(cmd.data.name, cmd);
}

async function registerSlashCommands() {
  const rest = new REST({ version: '10' }).setToken(config.discord.token);
  const body = [...client.commands.values()].map((c) => c.data.toJSON());
  await rest.put(Routes.applicationCommands(config.discord.appId), { body });
  console.log(`registered ${body.length} slash commands`);
}

client.once(Events.ClientReady, (c) => {
  console.log(`discord bot ready as ${c.user.tag} in ${c.guilds.cache.size} guilds`);
});

client.on(Events.InteractionCreate, async (interaction) => {
  if (interaction.isButton() && interaction.customId.startsWith('vote:')) {
    return polls.handleVoteButton(interaction);
  }
  if (!interaction.isChatInputCommand()) return;
  const cmd = client.commands.get(interaction.commandName);
  if (!cmd) return;
  try {
    await cmd.execute(interaction);
  } catch (err) {
    console.error(`command ${interaction.commandName} failed`, err);
    const payload = { content: `Something went wrong: ${err.message}`, ephemeral: true };
    if (interaction.deferred || interaction.replied) await interaction.followUp(payload);
    else await interaction.reply(payload);
  }
});

client.on(Events.MessageCreate, (message) => {
  onMessage(message).catch((err) => console.error('message handler failed', err));
});

(async () => {
  await connectAll();
  if (process.argv.includes('--register')) await registerSlashCommands();
  await client.login(config.discord.token);
})();
