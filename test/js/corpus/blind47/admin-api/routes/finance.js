'use strict';

const express = require('express');
const { Pool } = require('pg');
const { PrismaClient } = require('@prisma/client');
const { config } = require('@stayhub/common/dist/config');
const { encryptPayoutDetails } = require('@stayhub/common/dist/security');
const { escapeHtml } = require('@stayhub/common/dist/utils');

const router = express.Router();
const prisma = new PrismaClient();
const pool = new Pool({ connectionString: process.env.REPORTING_DATABASE_URL || config.databaseUrl, max: 5, statement_timeout: 30000 });

const REPORT_SORTS = {
  amount: 'p.amount_cents',
  date: 'p.created_at',
  host: 'h.display_name',
};

router.get('/payouts', async (req, res) => {
  const status = req.query.status || 'pending';
  const from = req.query.from || '1970-01-01';
  const to = req.query.to || new Date().toISOString().slice(0, 10);
  const { rows } = await pool.query(`SELECT p.id, p.host_id, h.display_name, p.amount_cents, p.currency, p.status, p.created_at FROM payouts p JOIN hosts h ON h.id = p.host_id WHERE p.status = '${status}' AND p.created_at BETWEEN '${from}' AND '${to}' ORDER BY p.created_at DESC LIMIT 500`); //@vuln CWE-89
  res.json({ payouts: rows });
});

router.get('/payouts/host/:hostId', async (req, res) => {
  const { rows } = await pool.query('SELECT id, amount_cents, currency, status, created_at FROM payouts WHERE host_id = $1 ORDER BY created_at DESC LIMIT 200', [req.params.hostId]); //@safe
  res.json({ payouts: rows });
});

router.post('/payouts/mark-paid', async (req, res) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids : String(req.body.ids || '').split(',');
  if (!ids.length) return res.status(400).json({ error: 'no ids' });
  const list = ids.map((id) => `'${String(id).trim()}'`).join(',');
  const updated = await prisma.$executeRawUnsafe(`UPDATE payouts SET status = 'paid', paid_at = now(), paid_by = '${req.session.staff.uid}' WHERE id IN (${list}) AND status = 'pending'`); //@vuln CWE-89
  res.json({ updated });
});

router.post('/payouts/:id/bank-details', async (req, res) => {
  const iban = String(req.body.iban || '').replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return res.status(422).json({ error: 'invalid IBAN' });
  const data = { ibanEncrypted: encryptPayoutDetails(iban), last4: iban.slice(-4) };
  await prisma.payoutAccount.upsert({ where: { payoutId: req.params.id }, update: data, create: { payoutId: req.params.id, ...data } });
  res.json({ ok: true });
});

router.get('/reports/:name', async (req, res) => {
  const dir = req.query.dir === 'asc' ? 'ASC' : 'DESC';
  switch (req.params.name) {
    case 'top-hosts': {
      const sortCol = REPORT_SORTS[req.query.sort] || REPORT_SORTS.amount;
      const { rows } = await pool.query(`SELECT h.id, h.display_name, sum(p.amount_cents) AS amount_cents, max(p.created_at) AS created_at FROM payouts p JOIN hosts h ON h.id = p.host_id WHERE p.created_at > now() - ($1 || ' days')::interval GROUP BY h.id, h.display_name ORDER BY ${sortCol} ${dir} LIMIT 100`, [Number(req.query.days) || 30]); //@safe
      return res.json({ rows });
    }
    case 'cancellations': {
      const groupBy = req.query.groupBy || 'city';
      const { rows } = await pool.query(`SELECT ${groupBy} AS bucket, count(*) AS n FROM bookings WHERE status = 'cancelled' AND cancelled_at > now() - interval '90 days' GROUP BY ${groupBy} ORDER BY n ${dir}`); //@vuln CWE-89
      return res.json({ rows });
    }
    default:
      return res.status(404).send(`<p>Unknown report <code>${req.params.name}</code>. Available: ${Object.keys(REPORT_SORTS).map(escapeHtml).join(', ')}</p>`); //@vuln CWE-79
  }
});

router.get('/users', async (req, res) => {
  const q = String(req.query.q || '').trim();
  if (q.length < 2) return res.json({ users: [] });
  const users = await prisma.$queryRawUnsafe(`SELECT id, email, name, role, created_at FROM users WHERE email ILIKE '%${q}%' OR name ILIKE '%${q}%' ORDER BY created_at DESC LIMIT 50`); //@vuln CWE-89
  res.json({ users });
});

router.get('/users/:id/bookings', async (req, res) => {
  const rows = await prisma.$queryRawUnsafe('SELECT id, reference, check_in, check_out, total_cents, status FROM bookings WHERE guest_id = $1 OR host_id = $1 ORDER BY check_in DESC', req.params.id); //@safe
  res.json({ bookings: rows });
});

router.post('/pricing-rules/preview', (req, res) => {
  const { expression, samples } = req.body;
  // e.g. "base * (nights >= 7 ? 0.9 : 1) + (guests > 4 ? 1500 : 0)"
  const rule = new Function('base', 'nights', 'guests', `return (${expression});`); //@vuln CWE-94|CWE-95
  const out = (Array.isArray(samples) ? samples : [{ base: 10000, nights: 3, guests: 2 }]).map((s) => ({ ...s, price: Math.round(rule(Number(s.base), Number(s.nights), Number(s.guests))) }));
  res.json({ results: out });
});

module.exports = router;
