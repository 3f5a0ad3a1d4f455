import crypto from "node:crypto";
import { Hono } from "hono";
import Stripe from "stripe";
import libxmljs from "libxmljs";
import yaml from "js-yaml";
import serialize from "node-serialize";
import { config } from "../config";
import { prisma } from "../db";
import { encryptCardReference } from "../lib/auth";

const stripe = new Stripe(config.stripeSecretKey, { apiVersion: "2024-06-20" });
const OTA_NS = { ota: "http://www.opentravel.org/OTA/2003/05" };

interface RateRule {
  roomType: string;
  minStay?: number;
  closedToArrival?: boolean;
  adjustmentPercent?: number;
}

export const webhooks = new Hono();

webhooks.post("/stripe", async (c) => {
  const signature = c.req.header("stripe-signature") ?? "";
  const payload = await c.req.text();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(payload, signature, config.stripeWebhookSecret);
  } catch {
    return c.json({ error: "Bad signature" }, 400);
  }

  switch (event.type) {
    case "payment_intent.succeeded": {
      const intent = event.data.object as Stripe.PaymentIntent;
      await prisma.reservation.update({
        where: { id: intent.metadata.reservationId },
        data: { status: "confirmed", paidCents: intent.amount_received },
      });
      break;
    }
    case "charge.succeeded": {
      const charge = event.data.object as Stripe.Charge;
      const last4 = charge.payment_method_details?.card?.last4 ?? "0000";
      await prisma.payment.create({
        data: {
          reservationId: charge.metadata.reservationId,
          stripeChargeId: charge.id,
          cardReference: encryptCardReference(`${charge.payment_method_details?.card?.brand}:${last4}`),
        },
      });
      break;
    }
    case "charge.refunded": {
      const charge = event.data.object as Stripe.Charge;
      await prisma.reservation.update({
        where: { id: charge.metadata.reservationId },
        data: { status: "cancelled", refundedCents: charge.amount_refunded },
      });
      break;
    }
    default:
      break;
  }
  return c.json({ received: true });
});

function verifyChannelSignature(body: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = crypto.createHmac("sha256", config.channelManagerApiKey).update(body).digest("hex");
  return expected.length === signature.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

// OTA_HotelResNotifRQ pushed by the channel manager when an OTA booking arrives
webhooks.post("/channel/reservations", async (c) => {
  const body = await c.req.text();
  const doc = libxmljs.parseXml(body, { noent: true, nonet: false });  //@vuln CWE-611
  const reservationsXml = doc.find("//ota:HotelReservation", OTA_NS);
  for (const node of reservationsXml) {
    const resId = node.get(".//ota:HotelReservationID", OTA_NS)?.attr("ResID_Value")?.value();
    const guestName = node.get(".//ota:PersonName/ota:Surname", OTA_NS)?.text();
    await prisma.channelBooking.upsert({
      where: { externalId: String(resId) },
      create: { externalId: String(resId), guestName: String(guestName), rawXml: node.toString() },
      update: { guestName: String(guestName), rawXml: node.toString() },
    });
  }
  return c.text('<OTA_HotelResNotifRS xmlns="http://www.opentravel.org/OTA/2003/05"><Success/></OTA_HotelResNotifRS>', 200, {
    "content-type": "application/xml",
  });
});

// OTA_HotelAvailNotifRQ: availability and restriction updates
webhooks.post("/channel/availability", async (c) => {
  const body = await c.req.text();
  if (!verifyChannelSignature(body, c.req.header("x-channel-signature"))) {
    return c.json({ error: "Unauthorized" }, 401);
  }
  const doc = libxmljs.parseXml(body, { noent: false, nonet: true });  //@safe
  const updates = doc.find("//ota:AvailStatusMessage", OTA_NS).map((msg) => ({
    roomType: String(msg.get("ota:StatusApplicationControl", OTA_NS)?.attr("InvTypeCode")?.value()),
    booked: Number(msg.attr("BookingLimit")?.value() ?? 0),
  }));
  await prisma.$transaction(
    updates.map((u) => prisma.inventory.updateMany({ where: { roomTypeCode: u.roomType }, data: { bookingLimit: u.booked } })),
  );
  return c.json({ applied: updates.length });
});

// Some channel managers send restriction sets as YAML documents
webhooks.post("/channel/rate-rules", async (c) => {
  const text = await c.req.text();
  const rules = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as RateRule[];  //@vuln CWE-502
  await prisma.rateRule.createMany({ data: rules.map((r) => ({ ...r, source: "channel" })) });
  return c.json({ imported: rules.length });
});

webhooks.post("/channel/restrictions", async (c) => {
  const text = await c.req.text();
  if (!verifyChannelSignature(text, c.req.header("x-channel-signature"))) {
    return c.json({ error: "Unauthorized" }, 401);
  }
  const rules = yaml.safeLoad(text) as RateRule[];  //@safe
  await prisma.rateRule.createMany({ data: rules.map((r) => ({ ...r, source: "restrictions" })) });
  return c.json({ imported: rules.length });
});

// Resumable full syncs: the channel manager echoes back our sync cursor
webhooks.post("/channel/sync", async (c) => {
  const cursorHeader = c.req.header("x-sync-cursor") ?? "";
  const cursor = cursorHeader ? serialize.unserialize(Buffer.from(cursorHeader, "base64").toString("utf8")) : { page: 0 };  //@vuln CWE-502
  const page = Number(cursor.page ?? 0);
  const rows = await prisma.reservation.findMany({ skip: page * 200, take: 200, orderBy: { createdAt: "asc" } });
  const next = Buffer.from(serialize.serialize({ page: page + 1 })).toString("base64");
  return c.json({ rows, cursor: rows.length === 200 ? next : null });
});

webhooks.post("/channel/register", async (c) => {
  const { partnerId, callbackUrl } = await c.req.json<{ partnerId: string; callbackUrl: string }>();
  // make sure the endpoint answers before we start pushing to it
  const ping = await fetch(callbackUrl, {  //@vuln CWE-918
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "ping", partnerId }),
  });
  if (!ping.ok) {
    return c.json({ error: `Callback returned ${ping.status}`, body: await ping.text() }, 400);
  }
  await prisma.partner.update({ where: { id: partnerId }, data: { callbackUrl } });
  return c.json({ ok: true });
});

webhooks.post("/channel/test-delivery", async (c) => {
  const { callbackUrl } = await c.req.json<{ callbackUrl: string }>();
  const url = new URL(callbackUrl);
  if (url.protocol !== "https:" || !config.partnerCallbackHosts.includes(url.hostname)) {
    return c.json({ error: "Callback host is not an approved channel manager" }, 400);
  }
  const res = await fetch(url, { method: "POST", body: JSON.stringify({ type: "test" }) });  //@safe
  return c.json({ status: res.status });
});
