import { kafka } from './kafka/client';
import { handleManifest } from './kafka/manifestConsumer';
import { handleRateUpdate, handleLegacyRateFeed } from './kafka/rateConsumer';
import { relayStatus } from './sqs/webhookRelay';
import { pollOnce } from './sqs/podConsumer';
import type { EachMessagePayload } from 'kafkajs';

const handlers: Record<string, (p: EachMessagePayload) => Promise<void>> = {
  'carrier.manifests': handleManifest,
  'rates.updates': handleRateUpdate,
  'rates.legacy': handleLegacyRateFeed,
  'shipment.status': (p) => relayStatus(JSON.parse(p.message.value?.toString() ?? '{}')),
};

async function main() {
  const consumer = kafka.consumer({ groupId: 'logistics-consumers' });
  await consumer.connect();
  await consumer.subscribe({ topics: Object.keys(handlers) });
  await consumer.run({ eachMessage: async (payload) => handlers[payload.topic]?.(payload) });
  for (;;) await pollOnce();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
