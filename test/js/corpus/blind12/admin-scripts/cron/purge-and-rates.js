'use strict';

const { PrismaClient } = require('@prisma/client');
const cron = require('node-cron');

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const prisma = new PrismaClient();
const RETENTION_DAYS = process.env.SESSION_RETENTION_DAYS || '30';
const RATES_URL = process.env.RATES_URL || 'https://rates.internal.example/latest';

async function purgeSessions() {
  const n = await prisma.$executeRawUnsafe(`DELETE FROM "Session" WHERE "updatedAt" < now() - interval '${RETENTION_DAYS} days'`); //@vuln CWE-89
  const m = await prisma.$executeRaw`DELETE FROM "Token" WHERE "expiresAt" < now() - make_interval(days => ${Number(RETENTION_DAYS)})`; //@safe
  console.log(`purged ${n} sessions, ${m} tokens`);
}

async function syncRates() {
  const res = await fetch(RATES_URL);
  const body = await res.text();
  const rates = eval(`(${body})`); //@vuln CWE-95
  for (const [currency, rate] of Object.entries(rates)) {
    await prisma.exchangeRate.upsert({ where: { currency }, update: { rate }, create: { currency, rate } });
  }
}

cron.schedule('15 3 * * *', () => purgeSessions().catch(console.error));
cron.schedule('*/30 * * * *', () => syncRates().catch(console.error));
