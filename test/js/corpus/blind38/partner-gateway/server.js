'use strict';

// Partner gateway: partners push product feeds (XML) and maintenance jobs (YAML)
// that end up in the VulnShop catalogue. Part of the "integrations" lesson.

const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');
const express = require('express');
const libxmljs = require('libxmljs');
const yaml = require('js-yaml');
const sqlite3 = require('sqlite3');
const partners = require('./lib/partners');

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const IMAGE_DIR = path.join(__dirname, 'public', 'partner-images');
const SKU_RE = /^[A-Za-z0-9_-]{1,40}$/;
const db = new sqlite3.Database(process.env.GW_DB || path.join(__dirname, 'gateway.sqlite'));

db.run('CREATE TABLE IF NOT EXISTS partner_items (partner TEXT, sku TEXT, name TEXT, price REAL, PRIMARY KEY (partner, sku))');
db.run('CREATE TABLE IF NOT EXISTS partner_keys (partner TEXT PRIMARY KEY, sealed TEXT)');
fs.mkdirSync(IMAGE_DIR, { recursive: true });

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml', 'application/x-yaml', 'text/yaml'], limit: '2mb' }));
app.use(express.json());

function auth(verify) {
  return (req, res, next) => {
    try {
      req.partner = verify(req.get('X-Partner-Token') || '');
      return next();
    } catch (err) {
      return res.status(401).json({ error: 'invalid partner token' });
    }
  };
}

function readItems(doc) {
  const text = (node, name) => {
    const child = node.get(name);
    return child ? child.text().trim() : '';
  };
  return doc.find('//item').map((n) => ({
    sku: text(n, 'sku'), name: text(n, 'name'), price: Number(text(n, 'price')) || 0, image: text(n, 'image'),
  }));
}

async function storeImage(item) {
  const resp = await partners.http.get(item.image, { responseType: 'arraybuffer' }); //@vuln CWE-918
  const original = path.join(IMAGE_DIR, `${item.sku}.orig`);
  fs.writeFileSync(original, Buffer.from(resp.data)); //@vuln CWE-22
  execSync(`convert ${original} -resize 300x300 ${path.join(IMAGE_DIR, item.sku)}.jpg`); //@vuln CWE-78
}

// ---- vulnerable ------------------------------------------------------------

app.post('/feeds', auth(partners.verifyPartnerToken), async (req, res, next) => {
  try {
    const doc = libxmljs.parseXml(req.body, { noent: true, dtdload: true }); //@vuln CWE-611
    const items = readItems(doc);
    for (const item of items) {
      db.run(`INSERT OR REPLACE INTO partner_items (partner, sku, name, price) VALUES ('${req.partner.sub}', '${item.sku}', '${item.name}', ${item.price})`); //@vuln CWE-89
      if (item.image) await storeImage(item);
    }
    res.json({ accepted: items.length });
  } catch (err) {
    next(err);
  }
});

// maintenance jobs, e.g. "type: reprice\npercent: 5\nnotify: https://partner/hook"
app.post('/jobs', auth(partners.verifyPartnerToken), async (req, res, next) => {
  try {
    const job = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
    if (job.type === 'reprice') {
      db.run('UPDATE partner_items SET price = price * ? WHERE partner = ?', [1 + Number(job.percent) / 100, req.partner.sub]);
    }
    if (job.notify) await partners.http.post(job.notify, { job: job.type, status: 'done' }); //@vuln CWE-918
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

app.put('/keys', auth(partners.verifyPartnerToken), (req, res) => {
  db.run('INSERT OR REPLACE INTO partner_keys (partner, sealed) VALUES (?, ?)', [req.partner.sub, partners.sealApiKey(req.body.apiKey)]);
  res.sendStatus(204);
});

app.get('/staff/:uid', async (req, res, next) => {
  try {
    res.json(await partners.findStaff(req.params.uid));
  } catch (err) {
    next(err);
  }
});

// ---- fixed -----------------------------------------------------------------

app.post('/v2/feeds', auth(partners.verifyPartnerTokenFixed), (req, res, next) => {
  try {
    const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true }); //@safe
    const items = readItems(doc).filter((i) => SKU_RE.test(i.sku));
    const stmt = db.prepare('INSERT OR REPLACE INTO partner_items (partner, sku, name, price) VALUES (?, ?, ?, ?)');
    items.forEach((i) => stmt.run(String(req.partner.sub), i.sku, i.name.slice(0, 200), i.price)); //@safe
    stmt.finalize();
    // images are pulled later by the nightly job from the partner's registered CDN
    res.json({ accepted: items.length });
  } catch (err) {
    next(err);
  }
});

app.get('/v2/staff/:uid', async (req, res, next) => {
  try {
    res.json(await partners.findStaffFixed(req.params.uid));
  } catch (err) {
    next(err);
  }
});

app.listen(Number(process.env.PORT) || 4100, () => console.log('partner gateway listening'));
