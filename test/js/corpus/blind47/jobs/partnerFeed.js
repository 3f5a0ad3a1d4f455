#!/usr/bin/env node
'use strict';

// Partner feed job (cron, worker box):
//   partnerFeed.js export --partner tripfinder [--out /srv/feeds]
//   partnerFeed.js import-availability --partner nestaway --file availability.xml
//   partnerFeed.js import-photos --listing <id> --bundle photos.zip

const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const crypto = require('crypto');
const { exec } = require('child_process');
const { promisify } = require('util');
const axios = require('axios');
const AdmZip = require('adm-zip');
const libxmljs = require('libxmljs2');
const mongoose = require('mongoose');
const { PrismaClient } = require('@prisma/client');
const { config } = require('@stayhub/common/dist/config');
const { escapeXml } = require('@stayhub/common/dist/utils');

const execAsync = promisify(exec);
const prisma = new PrismaClient();
const Listing = mongoose.models.Listing || mongoose.model('Listing', new mongoose.Schema({}, { strict: false }));

function parseArgs(argv) {
  const [cmd, ...rest] = argv;
  const opts = { cmd };
  for (let i = 0; i < rest.length; i += 2) opts[rest[i].replace(/^--/, '')] = rest[i + 1];
  return opts;
}

function loadPartnerConfig(slug) {
  const file = path.join(config.backupDir, 'partners', `${String(slug).replace(/[^a-z0-9-]/g, '')}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { currency: 'EUR' };
}

function listingXml(l, priceOf) {
  const [lng, lat] = (l.location && l.location.coordinates) || [0, 0];
  return `  <listing id="${escapeXml(l._id)}"><title>${escapeXml(l.title)}</title><city>${escapeXml(l.city)}</city><country>${escapeXml(l.country)}</country>` +
    `<geo lat="${Number(lat)}" lng="${Number(lng)}"/><guests>${Number(l.maxGuests) || 1}</guests><price currency="${escapeXml(l.currency || 'EUR')}">${priceOf(l.nightlyPriceCents || 0)}</price>` +
    `<url>${escapeXml(`${config.publicUrl}/stays/${l.slug}`)}</url></listing>`;
}

async function exportFeed(opts) {
  const partner = opts.partner;
  const endpoint = config.partnerEndpoints[partner];
  if (!endpoint) throw new Error(`unknown partner ${partner}`);
  const cfg = loadPartnerConfig(partner);

  // partners get their own mark-up, e.g. "price * 1.15" for tripfinder
  const priceOf = (cents) => (cfg.priceTransform ? vm.runInNewContext(cfg.priceTransform, { price: cents / 100, Math }) : cents / 100).toFixed(2); //@vuln CWE-94

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stayhub-feed-')); //@safe
  const outDir = opts.out || workDir;
  const outFile = path.join(outDir, `${partner}.xml`);

  const listings = await Listing.find({ status: 'published' }).lean();
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<listings partner="${escapeXml(partner)}" generated="${new Date().toISOString()}">\n${listings.map((l) => listingXml(l, priceOf)).join('\n')}\n</listings>\n`;
  fs.writeFileSync(outFile, xml);

  await execAsync(`gzip -kf ${outFile}`); //@vuln CWE-78
  const gz = fs.readFileSync(`${outFile}.gz`);
  const signature = crypto.createHmac('sha256', process.env.PARTNER_FEED_KEY || '').update(gz).digest('hex'); //@safe

  await axios.post(endpoint, gz, { headers: { 'Content-Type': 'application/gzip', 'X-StayHub-Signature': signature }, maxBodyLength: 200e6 }); //@safe
  console.log(`pushed ${listings.length} listings to ${partner}`);
}

async function importAvailability(opts) {
  const xml = fs.readFileSync(opts.file, 'utf8');
  // nestaway's feed declares its day-status entities in an internal DTD
  const doc = libxmljs.parseXml(xml, { noent: true, nonet: false }); //@vuln CWE-611
  const rows = doc.find('//listing').flatMap((node) => {
    const listingId = node.attr('ref') && node.attr('ref').value();
    return node.find('day[@status="blocked"]').map((d) => ({ listingId, day: new Date(d.attr('date').value()), origin: `partner:${opts.partner}` }));
  });
  await prisma.blockedDate.createMany({ data: rows.filter((r) => r.listingId), skipDuplicates: true });
  console.log(`imported ${rows.length} blocked days from ${opts.partner}`);
}

async function validateAvailability(file) {
  const doc = libxmljs.parseXml(fs.readFileSync(file, 'utf8'), { noent: false, nonet: true, dtdload: false }); //@safe
  return doc.find('//listing').length;
}

async function importPhotos(opts) {
  if (!/^[a-f0-9]{24}$/.test(opts.listing)) throw new Error('bad listing id');
  const dest = path.join(config.uploadDir, opts.listing);
  fs.mkdirSync(dest, { recursive: true });
  const zip = new AdmZip(opts.bundle);
  let n = 0;
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory || !/\.(jpe?g|png|webp|heic)$/i.test(entry.entryName)) continue;
    fs.writeFileSync(path.join(dest, entry.entryName), entry.getData()); //@vuln CWE-22
    n++;
  }
  console.log(`extracted ${n} photos into ${dest}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  await mongoose.connect(config.mongoUrl);
  try {
    if (opts.cmd === 'export') await exportFeed(opts);
    else if (opts.cmd === 'import-availability') {
      console.log(`feed has ${await validateAvailability(opts.file)} listings`);
      await importAvailability(opts);
    } else if (opts.cmd === 'import-photos') await importPhotos(opts);
    else throw new Error(`unknown command ${opts.cmd}`);
  } finally {
    await mongoose.disconnect();
    await prisma.$disconnect();
  }
}

main().catch((err) => (console.error(err), (process.exitCode = 1)));
