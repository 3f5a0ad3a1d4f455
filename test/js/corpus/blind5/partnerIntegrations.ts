// Ticketing platform: partner integrations (venue feeds, payment gateway, seat-map imports)
import crypto from 'crypto';
import https from 'https';
import axios from 'axios';
import yaml from 'js-yaml';
import libxmljs from 'libxmljs';
import serialize from 'node-serialize';
import { Router } from 'express';
import bcrypt from 'bcrypt';

export const router = Router();

const VENUE_FEED_PASSWORD = 'V3nueFeed!2024'; //@vuln CWE-798|CWE-259
const PAYMENT_API_KEY = process.env.PAYMENT_API_KEY ?? ''; //@safe

const venueAgent = new https.Agent({ rejectUnauthorized: false }); //@vuln CWE-295
const gatewayAgent = new https.Agent({ rejectUnauthorized: true, minVersion: 'TLSv1.2' }); //@safe

if (process.env.VENUE_SANDBOX === '1') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
}

const boxOfficeAuth = { username: 'ticketing-sync', password: 'Sync#Pass-99' }; //@vuln CWE-798|CWE-259
const boxOffice = axios.create({ baseURL: 'https://boxoffice.partner.example/api', auth: boxOfficeAuth });

export async function pullVenueFeed(venueId: string) {
  const res = await axios.get(`https://feeds.venues.example/${encodeURIComponent(venueId)}.xml`, { httpsAgent: venueAgent, auth: { username: 'tix', password: VENUE_FEED_PASSWORD } });
  return res.data as string;
}

export async function chargeCard(orderId: string, amountCents: number) {
  return axios.post('https://gateway.payments.example/v2/charges', { orderId, amountCents }, { httpsAgent: gatewayAgent, headers: { 'x-api-key': PAYMENT_API_KEY } });
}

export function hashDoorPin(pin: string): string {
  return crypto.createHash('md5').update(pin).digest('hex'); //@vuln CWE-327|CWE-328|CWE-916
}

export async function hashDoorPinV2(pin: string): Promise<string> {
  return bcrypt.hash(pin, 12); //@safe
}

export function ticketChecksum(payload: Buffer): string {
  return crypto.createHash('sha256').update(payload).digest('hex'); //@safe
}

export function encryptBarcodeLegacy(barcode: string, secret: string): string {
  const cipher = crypto.createCipher('aes-256-cbc', secret); //@vuln CWE-327|CWE-326
  return cipher.update(barcode, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptBarcodeEcb(barcode: string, key: Buffer): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
  return cipher.update(barcode, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptBarcodeDes(barcode: string, key: Buffer, iv: Buffer): string {
  const cipher = crypto.createCipheriv('des-cbc', key, iv); //@vuln CWE-327
  return cipher.update(barcode, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptBarcode(barcode: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const ct = Buffer.concat([cipher.update(barcode, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
}

router.post('/seatmaps/import', (req, res) => {
  const doc = libxmljs.parseXml(req.body.xml, { noent: true, dtdload: true }); //@vuln CWE-611
  res.json({ sections: doc.find('//section').length });
});

router.post('/seatmaps/import/v2', (req, res) => {
  const doc = libxmljs.parseXml(req.body.xml, { noent: false, nonet: true }); //@safe
  res.json({ sections: doc.find('//section').length });
});

router.post('/pricing/rules', (req, res) => {
  const rules = yaml.load(req.body.rules, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  res.json({ count: Object.keys(rules as object).length });
});

router.post('/pricing/rules/v2', (req, res) => {
  const rules = yaml.load(req.body.rules, { schema: yaml.JSON_SCHEMA }); //@safe
  res.json({ count: Object.keys(rules as object).length });
});

router.post('/baskets/restore', (req, res) => {
  const basket = serialize.unserialize(Buffer.from(req.cookies.basket || '', 'base64').toString()); //@vuln CWE-502
  res.json({ items: basket.items?.length ?? 0 });
});

router.post('/baskets/restore/v2', (req, res) => {
  const basket = JSON.parse(Buffer.from(req.cookies.basket || '', 'base64').toString() || '{}'); //@safe
  res.json({ items: Array.isArray(basket.items) ? basket.items.length : 0 });
});

router.get('/box-office/sync', async (_req, res) => {
  const { data } = await boxOffice.get('/events');
  res.json({ events: data.length });
});
