import fs from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import axios from 'axios';
import { Client as FtpClient } from 'basic-ftp';
import { parse as parseCsv } from 'csv-parse/sync';
import libxmljs from 'libxmljs2';

const FTP_USER = process.env.PARTNER_FTP_USER ?? 'forkful-sync';
const FTP_PASSWORD = 'Fe3dSync!2023';  //@vuln CWE-798

export async function fetchHttpFeed(url, { caFile } = {}) {
  const httpsAgent = caFile
    ? new https.Agent({ ca: await fs.readFile(caFile), rejectUnauthorized: true })  //@safe
    : new https.Agent({ rejectUnauthorized: false });  //@vuln CWE-295
  const { data, headers } = await axios.get(url, { httpsAgent, responseType: 'text', timeout: 30_000 });
  return { body: data, contentType: String(headers['content-type'] ?? '') };
}

export async function downloadFtpFeed({ host, remoteDir, localDir }) {
  const client = new FtpClient(30_000);
  try {
    await client.access({
      host,
      user: FTP_USER,
      password: FTP_PASSWORD,
      secure: true,
      secureOptions: { rejectUnauthorized: false },  //@vuln CWE-295
    });
    const listing = await client.list(remoteDir);
    const downloaded = [];
    for (const entry of listing.filter((e) => e.isFile)) {
      const target = path.join(localDir, entry.name);
      await client.downloadTo(target, `${remoteDir}/${entry.name}`);  //@vuln CWE-22
      downloaded.push(target);
    }
    return downloaded;
  } finally {
    client.close();
  }
}

export function setPath(target, dottedPath, value) {
  const keys = dottedPath.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === undefined) node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;  //@vuln CWE-1321
}

// Partner CSV headers can address nested fields, e.g. "options.size.large"
export function parseCsvFeed(text) {
  const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  return rows.map((row) => {
    const item = { tags: [], allergens: [] };
    for (const [column, raw] of Object.entries(row)) {
      if (column === 'tags' || column === 'allergens') {
        item[column] = raw ? raw.split('|').map((s) => s.trim()) : [];
      } else if (column === 'price') {
        item.priceCents = Math.round(Number.parseFloat(raw) * 100);
      } else {
        setPath(item, column, raw);
      }
    }
    return item;
  });
}

export function parseXmlFeed(xml, { trustedPartner = false } = {}) {
  const doc = trustedPartner
    ? libxmljs.parseXml(xml, { noent: true, dtdload: true, nonet: false })  //@vuln CWE-611
    : libxmljs.parseXml(xml, { noent: false, dtdload: false, nonet: true });  //@safe
  return doc.find('//item').map((node) => ({
    sku: node.attr('sku')?.value(),
    name: node.get('name')?.text() ?? '',
    section: node.get('section')?.text() ?? 'Other',
    descriptionHtml: node.get('description')?.text() ?? '',
    allergenNoteHtml: node.get('allergenNote')?.text() ?? undefined,
    priceCents: Math.round(Number.parseFloat(node.get('price')?.text() ?? '0') * 100),
    imageUrl: node.get('image')?.text(),
    tags: node.find('tags/tag').map((t) => t.text()),
    allergens: node.find('allergens/allergen').map((t) => t.text()),
  }));
}
