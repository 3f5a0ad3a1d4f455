import express, { Router } from 'express';
import Stripe from 'stripe';
import axios from 'axios';
import { redis, reportingPool } from '../db';
import { config } from '../config';
import { inviteCode } from '../lib/crypto';

const stripe = new Stripe(config.stripe.secretKey, { apiVersion: '2024-04-10' });
const router = Router();

async function grantEnrollment(userId: string, courseId: string, sessionId: string) {
  await reportingPool.query(
    `INSERT INTO enrollments (user_id, course_id, stripe_session_id, status, enrolled_at)
     VALUES ($1, $2, $3, 'active', now()) ON CONFLICT (user_id, course_id) DO NOTHING`,
    [userId, courseId, sessionId],
  );
}

router.post('/webhook', express.raw({ type: 'application/json' }), async (req, res) => {
  const signature = req.headers['stripe-signature'];
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, String(signature), config.stripe.webhookSecret);  //@safe
  } catch {
    return res.status(400).json({ error: 'signature verification failed' });
  }

  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object as Stripe.Checkout.Session;
      const { userId, courseId } = session.metadata ?? {};
      if (userId && courseId) await grantEnrollment(userId, courseId, session.id);
      break;
    }
    case 'charge.refunded': {
      const charge = event.data.object as Stripe.Charge;
      const { userId, courseId } = charge.metadata;
      await reportingPool.query(`UPDATE enrollments SET status = 'refunded' WHERE user_id = '${userId}' AND course_id = '${courseId}'`);  //@vuln CWE-89
      break;
    }
    case 'customer.subscription.deleted': {
      const subscription = event.data.object as Stripe.Subscription;
      await reportingPool.query("UPDATE enrollments SET status = 'lapsed' WHERE stripe_subscription_id = $1", [subscription.id]);
      break;
    }
    default:
      break;
  }
  return res.json({ received: true });
});

router.post('/checkout', express.json(), async (req, res) => {
  const { courseId, priceId, userId } = req.body;
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: String(priceId), quantity: 1 }],
    metadata: { userId: String(userId), courseId: String(courseId) },
    success_url: `${config.publicUrl}/courses/${encodeURIComponent(courseId)}/welcome?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${config.publicUrl}/courses/${encodeURIComponent(courseId)}`,
  });
  res.json({ url: session.url });
});

// Partner universities buy seats in bulk from their HR portal and receive invite codes back
router.post('/partners/seats', express.json(), async (req, res) => {
  const { partnerId, seats, courseSlug, callbackUrl } = req.body;
  const count = Math.min(Number(seats) || 0, 500);
  const codes = Array.from({ length: count }, () => inviteCode());
  await redis.sAdd(`invites:${courseSlug}`, codes);
  await axios.post(callbackUrl, { partnerId, courseSlug, codes }, { timeout: 10_000 });  //@vuln CWE-918
  res.json({ issued: codes.length });
});

export default router;
