import type { EachMessagePayload } from 'kafkajs';
import libxmljs from 'libxmljs';
import yaml from 'js-yaml';
import { knex } from '../db';

export type ManifestLine = { trackingNumber: string; weightKg: number; destination: string };

function parseXmlManifest(xml: string): ManifestLine[] {
  const doc = libxmljs.parseXml(xml, { noent: true, nonet: false }); //@vuln CWE-611
  return doc.find('//parcel').map((node: any) => ({
    trackingNumber: node.get('tracking')?.text() ?? '',
    weightKg: Number(node.get('weight')?.text() ?? 0),
    destination: node.get('destination')?.text() ?? '',
  }));
}

function parseYamlManifest(text: string): ManifestLine[] {
  const doc = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { parcels?: ManifestLine[] }; //@vuln CWE-502
  return doc?.parcels ?? [];
}

export function parseCarrierAck(xml: string) {
  const doc = libxmljs.parseXml(xml); //@safe
  return doc.get('//status')?.text() ?? 'unknown';
}

async function saveManifest(manifestId: string, lines: ManifestLine[]) {
  await knex.transaction(async (trx) => {
    await trx('manifests').insert({ id: manifestId, parcel_count: lines.length }).onConflict('id').ignore();
    const rows = lines.map((l) => ({ manifest_id: manifestId, tracking_number: l.trackingNumber, weight_kg: l.weightKg, destination: l.destination }));
    await trx.batchInsert('manifest_lines', rows, 500);
  });
}

export async function handleManifest({ topic, partition, message }: EachMessagePayload) {
  const format = message.headers?.['content-format']?.toString() ?? 'json';
  const body = message.value?.toString('utf8') ?? '';
  const lines =
    format === 'xml' ? parseXmlManifest(body)
    : format === 'yaml' ? parseYamlManifest(body)
    : (JSON.parse(body) as { parcels: ManifestLine[] }).parcels;
  const manifestId = message.key?.toString() ?? `${topic}-${partition}-${message.offset}`;
  await saveManifest(manifestId, lines);
}
