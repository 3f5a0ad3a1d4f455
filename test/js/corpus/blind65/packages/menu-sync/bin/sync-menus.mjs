#!/usr/bin/env node
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { MongoClient } from 'mongodb';
import { downloadFtpFeed, fetchHttpFeed, parseCsvFeed, parseXmlFeed } from '../src/feeds.mjs';

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    partner: { type: 'string', short: 'p' },
    restaurant: { type: 'string', short: 'r' },
    config: { type: 'string', default: '/etc/forkful/partners.yml' },
    report: { type: 'string', default: 'reports' },
    'dry-run': { type: 'boolean', default: false },
  },
});

async function loadPartner(configPath, name) {
  const partners = yaml.load(await fs.readFile(configPath, 'utf8'));  //@safe
  const partner = partners?.[name];
  if (!partner) throw new Error(`unknown partner ${name}`);
  return partner;
}

async function collectFeedFiles(partner, workDir) {
  if (partner.transport === 'ftp') {
    const files = await downloadFtpFeed({ host: partner.host, remoteDir: partner.remoteDir, localDir: workDir });
    for (const file of files.filter((f) => f.endsWith('.zip'))) {
      execSync(`unzip -o ${file} -d ${workDir}`, { stdio: 'inherit' });  //@vuln CWE-78
    }
    for (const file of files.filter((f) => f.endsWith('.gz'))) {
      execFileSync('gunzip', ['-kf', file], { stdio: 'inherit' });  //@safe
    }
    const entries = await fs.readdir(workDir);
    return entries.filter((e) => /\.(csv|xml)$/i.test(e)).map((e) => path.join(workDir, e));
  }
  const { body, contentType } = await fetchHttpFeed(partner.url, { caFile: partner.caFile });
  const ext = contentType.includes('xml') ? 'xml' : 'csv';
  const target = path.join(workDir, `feed.${ext}`);
  await fs.writeFile(target, body);
  return [target];
}

async function main() {
  if (!args.partner || !args.restaurant) {
    console.error('usage: sync-menus --partner <name> --restaurant <id> [--dry-run]');
    process.exit(2);
  }
  const partner = await loadPartner(args.config, args.partner);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'menu-sync-'));
  const files = await collectFeedFiles(partner, workDir);

  const items = [];
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8');
    items.push(...(file.endsWith('.xml') ? parseXmlFeed(text, { trustedPartner: partner.trusted }) : parseCsvFeed(text)));
  }

  const client = await MongoClient.connect(process.env.MONGO_URI ?? 'mongodb://localhost:27017');
  const collection = client.db(process.env.MONGO_DB ?? 'menus').collection('menu_items');
  let upserts = 0;
  for (const item of items) {
    if (!item.sku || args['dry-run']) continue;
    await collection.updateOne(
      { restaurantId: args.restaurant, partnerSku: String(item.sku) },
      { $set: { ...item, restaurantId: args.restaurant, partnerSku: String(item.sku), available: true } },
      { upsert: true },
    );
    upserts++;
  }
  await client.close();

  const reportPath = path.join(args.report, `${args.partner}-${new Date().toISOString().slice(0, 10)}.json`);
  await fs.mkdir(path.dirname(reportPath), { recursive: true });
  await fs.writeFile(reportPath, JSON.stringify({ partner: args.partner, items: items.length, upserts }, null, 2));

  execSync(`notify-send "Menu sync" "Restaurant ${args.restaurant}: ${upserts} items updated"`);  //@vuln CWE-78
  await fs.rm(workDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
