import express, { Router } from 'express';
import Stripe from 'stripe';
import jwt from 'jsonwebtoken';
import serialize from 'node-serialize';
import { config } from '@newsroom/shared/config';
import { query, one } from '@newsroom/shared/db';
import { passwordResetCode, unsubscribeToken } from '@newsroom/shared/crypto';
import { escapeHtml } from '@newsroom/shared/helpers';
import { asyncHandler } from '../middleware';
import nodemailer from 'nodemailer';

const stripe = new Stripe(config.stripe.secretKey, { apiVersion: '2023-10-16' });
const router = Router();
const mailer = nodemailer.createTransport({ host: config.smtp.host, port: 465, secure: true, auth: { user: config.smtp.user, pass: config.smtp.password } });

async function sendLoginCode(to: string, code: string) {
  await mailer.sendMail({ from: config.smtp.from, to, subject: 'Your Daily Ledger login code', text: `Your code is ${code}. It expires in 15 minutes.` });
}

router.post('/webhook', express.raw({ type: 'application/json' }), asyncHandler(async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, String(req.headers['stripe-signature']), config.stripe.webhookSecret); //@safe
  } catch (err) {
    return res.status(400).send('bad signature');
  }

  if (event.type === 'customer.subscription.updated' || event.type === 'customer.subscription.deleted') {
    const sub = event.data.object as Stripe.Subscription;
    await query('UPDATE subscribers SET plan_status = $1, current_period_end = to_timestamp($2) WHERE stripe_customer_id = $3', [sub.status, sub.current_period_end, String(sub.customer)]);
  }
  res.json({ received: true });
}));

router.use(express.json());

router.post('/checkout', asyncHandler(async (req, res) => {
  const plan = req.body.plan === 'annual' ? 'annual' : 'monthly';
  const next = typeof req.body.next === 'string' ? req.body.next : '/';
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: config.stripe.priceIds[plan], quantity: 1 }],
    customer_email: req.body.email,
    success_url: `${config.publicBaseUrl}/api/subscriptions/done?session_id={CHECKOUT_SESSION_ID}&next=${encodeURIComponent(next)}`,
    cancel_url: `${config.publicBaseUrl}/subscribe?cancelled=1`,
  });
  res.json({ url: session.url });
}));

router.get('/done', asyncHandler(async (req, res) => {
  const session = await stripe.checkout.sessions.retrieve(String(req.query.session_id), { expand: ['subscription'] });
  if (session.status !== 'complete') return res.redirect('/subscribe?error=incomplete');

  const sub = session.subscription as Stripe.Subscription;
  await query('INSERT INTO subscribers (email, stripe_customer_id, plan_status, current_period_end) VALUES ($1, $2, $3, to_timestamp($4)) ON CONFLICT (email) DO UPDATE SET stripe_customer_id = EXCLUDED.stripe_customer_id, plan_status = EXCLUDED.plan_status, current_period_end = EXCLUDED.current_period_end', [session.customer_details?.email, String(session.customer), sub.status, sub.current_period_end]);

  const token = jwt.sign({ plan: sub.items.data[0]?.price.id, customer: session.customer }, config.jwtSecret, { expiresIn: '30d' });
  res.cookie('ledger_sub', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 }); //@safe
  res.redirect(String(req.query.next || '/')); //@vuln CWE-601
}));

// "already a subscriber?" form on the paywall
router.post('/restore', asyncHandler(async (req, res) => {
  const email = String(req.body.email ?? '').trim();
  const subscriber = await one<{ id: string; email: string }>(`SELECT id, email FROM subscribers WHERE lower(email) = lower('${email}') AND plan_status = 'active'`); //@vuln CWE-89
  if (subscriber) {
    const code = passwordResetCode();
    await query("INSERT INTO login_codes (subscriber_id, code, expires_at) VALUES ($1, $2, now() + interval '15 minutes')", [subscriber.id, code]);
    await sendLoginCode(subscriber.email, code);
  }
  res.json({ sent: true });
}));

router.get('/unsubscribe', asyncHandler(async (req, res) => {
  const email = String(req.query.email ?? '');
  const updated = await query('UPDATE newsletter_recipients SET unsubscribed_at = now(), token = $3 WHERE email = $1 AND token = $2 RETURNING id', [email, String(req.query.token ?? ''), unsubscribeToken()]);
  if (!updated.length) {
    return res.status(400).send(`<p>We couldn't find a subscription for ${escapeHtml(email)}.</p>`);
  }
  res.send(`<main class="unsub"><h1>You're unsubscribed</h1><p>${email} will no longer receive The Briefing.</p></main>`); //@vuln CWE-79
}));

// preference centre: the old PHP site stored these in a serialized cookie and we kept the format
router.get('/preferences', asyncHandler(async (req, res) => {
  const raw = req.cookies.nl_prefs ? Buffer.from(req.cookies.nl_prefs, 'base64').toString('utf8') : '{}';
  const prefs = serialize.unserialize(raw); //@vuln CWE-502
  res.json({ newsletters: prefs.newsletters ?? ['briefing'], frequency: prefs.frequency ?? 'daily' });
}));

router.put('/preferences', asyncHandler(async (req, res) => {
  const prefs = { newsletters: Array.isArray(req.body.newsletters) ? req.body.newsletters.map(String) : ['briefing'], frequency: req.body.frequency === 'weekly' ? 'weekly' : 'daily' };
  res.cookie('nl_prefs', Buffer.from(JSON.stringify(prefs)).toString('base64'), { httpOnly: true, secure: true, sameSite: 'lax' });
  res.json(prefs);
}));

export default router;
