import got from 'got';
import crypto from 'node:crypto';
import { knex } from '../db';

type StatusEvent = { shipmentId: string; customerId: number; status: string; callbackUrl?: string; occurredAt: string };

const MANAGED_HOOK_SUFFIX = '.hooks.example-logistics.test';

async function lookupSubscription(customerId: number) {
  return knex('webhook_subscriptions').where({ customer_id: customerId, active: true }).first('url', 'secret');
}

function sign(body: string, secret: string) {
  return crypto.createHmac('sha256', secret).update(body).digest('hex'); //@safe
}

export async function relayStatus(evt: StatusEvent) {
  const sub = await lookupSubscription(evt.customerId);
  if (!sub) return;
  const body = JSON.stringify({ shipmentId: evt.shipmentId, status: evt.status, occurredAt: evt.occurredAt });
  const target = evt.callbackUrl ?? sub.url;
  const headers = { 'content-type': 'application/json', 'x-signature': sign(body, sub.secret) };
  await got.post(target, { body, headers, timeout: { request: 5_000 } }); //@vuln CWE-918
}

export async function relayToManagedHook(evt: StatusEvent, hookUrl: string) {
  const u = new URL(hookUrl);
  if (u.protocol !== 'https:' || !u.hostname.endsWith(MANAGED_HOOK_SUFFIX)) {
    throw new Error(`hook host not allowed: ${u.hostname}`);
  }
  await got.post(u, { json: evt, timeout: { request: 5_000 } }); //@safe
}
