'use strict';
const { SlashCommandBuilder, AttachmentBuilder } = require('discord.js');
const { exec, execFile } = require('child_process');
const { promisify } = require('util');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const config = require('../../../shared/config');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const HOST_RE = /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i;
const ARITH_RE = /^[0-9+\-*/%().\s]{1,120}$/;
const RECORD_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS'];
const MANIFEST = path.join(config.dirs.reports, 'deploy-manifest.json');

function isOps(interaction) {
  return Boolean(interaction.member && interaction.member.roles.cache.has(config.discord.opsRoleId));
}

function codeBlock(text) {
  return '```\n' + String(text).slice(0, 1900) + '\n```';
}

const whois = {
  data: new SlashCommandBuilder().setName('whois').setDescription('WHOIS lookup for a domain')
    .addStringOption((o) => o.setName('domain').setDescription('example.com').setRequired(true)),
  async execute(interaction) {
    const domain = interaction.options.getString('domain');
    await interaction.deferReply();
    const { stdout } = await execAsync(`whois ${domain} | grep -v '^%' | head -n 40`, { timeout: 15000 }); //@vuln CWE-78
    await interaction.editReply(codeBlock(stdout));
  },
};

const dig = {
  data: new SlashCommandBuilder().setName('dig').setDescription('DNS lookup')
    .addStringOption((o) => o.setName('host').setDescription('hostname').setRequired(true))
    .addStringOption((o) => o.setName('type').setDescription('record type').addChoices(...RECORD_TYPES.map((t) => ({ name: t, value: t })))),
  async execute(interaction) {
    const host = interaction.options.getString('host');
    const type = interaction.options.getString('type') || 'A';
    if (!HOST_RE.test(host) || !RECORD_TYPES.includes(type)) {
      return interaction.reply({ content: 'That does not look like a hostname.', ephemeral: true });
    }
    const { stdout } = await execFileAsync('dig', ['+short', host, type], { timeout: 10000 }); //@safe
    return interaction.reply(codeBlock(stdout || '(no records)'));
  },
};

const calc = {
  data: new SlashCommandBuilder().setName('calc').setDescription('Quick arithmetic')
    .addStringOption((o) => o.setName('expression').setDescription('e.g. (1200*0.2)/3').setRequired(true)),
  async execute(interaction) {
    const expr = interaction.options.getString('expression');
    if (!ARITH_RE.test(expr)) return interaction.reply({ content: 'Numbers and + - * / % ( ) only.', ephemeral: true });
    const result = Function(`"use strict"; return (${expr});`)(); //@safe
    return interaction.reply(`\`${expr}\` = **${result}**`);
  },
};

// e.g. /manifest query:"m.services.filter(s => s.version !== m.release).map(s => s.name)"
const manifest = {
  data: new SlashCommandBuilder().setName('manifest').setDescription('Query the current deploy manifest')
    .addStringOption((o) => o.setName('query').setDescription('JS expression, manifest is `m`').setRequired(true)),
  async execute(interaction) {
    const expr = interaction.options.getString('query');
    const m = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
    const out = vm.runInNewContext(expr, { m }, { timeout: 200 }); //@vuln CWE-94|CWE-95
    return interaction.reply(codeBlock(JSON.stringify(out, null, 2)));
  },
};

const logs = {
  data: new SlashCommandBuilder().setName('logs').setDescription('Tail a service log')
    .addStringOption((o) => o.setName('service').setDescription('service name').setRequired(true))
    .addIntegerOption((o) => o.setName('lines').setDescription('how many lines').setMinValue(1).setMaxValue(200)),
  async execute(interaction) {
    if (!isOps(interaction)) return interaction.reply({ content: 'ops only', ephemeral: true });
    const service = interaction.options.getString('service');
    const lines = interaction.options.getInteger('lines') || 50;
    const file = path.join(config.dirs.logs, `${service}.log`);
    const content = fs.readFileSync(file, 'utf8'); //@vuln CWE-22
    const tail = content.split('\n').slice(-lines).join('\n');
    const attachment = new AttachmentBuilder(Buffer.from(tail), { name: `${path.basename(service)}.log` });
    return interaction.reply({ files: [attachment], ephemeral: true });
  },
};

const restart = {
  data: new SlashCommandBuilder().setName('restart').setDescription('Restart a systemd unit on the ops box')
    .addStringOption((o) => o.setName('service').setDescription('unit name').setRequired(true)),
  async execute(interaction) {
    if (!isOps(interaction)) return interaction.reply({ content: 'ops only', ephemeral: true });
    const service = interaction.options.getString('service');
    await interaction.deferReply();
    const { stdout } = await execAsync('sudo systemctl restart ' + service + ' && systemctl is-active ' + service, { timeout: 60000 }); //@vuln CWE-78
    return interaction.editReply(`restarted \`${service}\`: ${stdout.trim()}`);
  },
};

module.exports = [whois, dig, calc, manifest, logs, restart];
