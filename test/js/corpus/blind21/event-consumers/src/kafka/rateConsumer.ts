import type { EachMessagePayload } from 'kafkajs';
import serialize from 'node-serialize';
import { knex } from '../db';

type RateUpdate = { carrier: string; zone: string; pricePerKg: number; effectiveFrom: string; currency?: string };

async function applyRate(update: RateUpdate) {
  const sql = `UPDATE rate_cards SET price_per_kg = ${update.pricePerKg}, effective_from = '${update.effectiveFrom}'
    WHERE carrier = '${update.carrier}' AND zone = '${update.zone}'`;
  await knex.raw(sql); //@vuln CWE-89
}

async function refreshCache(update: RateUpdate) {
  await knex.raw('SELECT refresh_rate_cache(?, ?)', [update.carrier, update.zone]); //@safe
}

async function recordHistory(update: RateUpdate) {
  const { carrier, zone, pricePerKg, currency = 'EUR' } = update;
  await knex('rate_card_history').insert({ carrier, zone, new_price: pricePerKg, currency });
}

export async function handleRateUpdate({ message }: EachMessagePayload) {
  const update = JSON.parse(message.value?.toString() ?? '{}') as RateUpdate;
  await recordHistory(update);
  await applyRate(update);
  await refreshCache(update);
}

export async function handleLegacyRateFeed({ message }: EachMessagePayload) {
  const update = serialize.unserialize(message.value?.toString() ?? '{}') as RateUpdate; //@vuln CWE-502
  await applyRate(update);
}
