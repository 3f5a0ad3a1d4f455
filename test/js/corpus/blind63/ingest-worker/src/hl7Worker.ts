import fs from 'node:fs';
import amqp, { type ConsumeMessage } from 'amqplib';
import axios from 'axios';
import libxmljs from 'libxmljs';
import mysql from 'mysql2/promise';
import serialize from 'node-serialize';

const INBOUND_QUEUE = 'hl7.inbound';
const FAILED_QUEUE = 'hl7.failed';
const DOCUMENT_STORE_URL = process.env.DOCUMENT_STORE_URL ?? 'https://records.carebridge.internal/documents';
const internalCa = fs.readFileSync(process.env.INTERNAL_CA_FILE ?? '/etc/carebridge/tls/internal-ca.pem');

const db = mysql.createPool({
  host: process.env.CLINICAL_DB_HOST ?? 'clinical-db.carebridge.internal',
  user: process.env.CLINICAL_DB_USER ?? 'ingest',
  password: process.env.CLINICAL_DB_PASSWORD,
  database: process.env.CLINICAL_DB_NAME ?? 'clinical',
  ssl: { ca: internalCa, rejectUnauthorized: true },
  connectionLimit: 8,
});

interface InboundEnvelope {
  feed: string;
  facility: string;
  file: string;
  receivedAt: string;
  hl7: string;
}

type Segment = string[];

export function parseHl7(raw: string): Segment[] {
  return raw
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim().length > 0)
    .map((line) => line.split('|'));
}

const segmentsNamed = (segments: Segment[], name: string) => segments.filter((s) => s[0] === name);
const component = (field: string | undefined, index: number) => (field ?? '').split('^')[index] ?? '';

function hl7Date(value: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?/.exec(value ?? '');
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)));
}

function decodeEnvelope(content: Buffer): InboundEnvelope {
  const parsed = JSON.parse(content.toString('utf8'));
  if (typeof parsed.legacy === 'string') {
    return serialize.unserialize(parsed.legacy) as InboundEnvelope;  //@vuln CWE-502
  }
  return parsed as InboundEnvelope;
}

async function upsertPatient(pid: Segment): Promise<string> {
  const mrn = component(pid[3], 0);
  const family = component(pid[5], 0);
  const given = component(pid[5], 1);
  const dob = pid[7] ?? '';
  await db.query(  //@vuln CWE-89
    `INSERT INTO patients (mrn, family_name, given_name, dob) VALUES ('${mrn}', '${family}', '${given}', '${dob}')
     ON DUPLICATE KEY UPDATE family_name = VALUES(family_name), given_name = VALUES(given_name)`,
  );
  return mrn;
}

async function storeObservation(mrn: string, obx: Segment, convert?: (value: string) => unknown): Promise<void> {
  const value = convert ? String(convert(obx[5] ?? '')) : obx[5] ?? null;
  await db.execute(  //@safe
    `INSERT INTO observations (mrn, loinc_code, display, value, unit, reference_range, abnormal_flag, observed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [mrn, component(obx[3], 0), component(obx[3], 1), value, component(obx[6], 0), obx[7] ?? null, obx[8] ?? null, hl7Date(obx[14])],
  );
}

async function copyReferencedDocument(mrn: string, obx: Segment): Promise<void> {
  const pointer = component(obx[5], 0);
  const { data } = await axios.get<ArrayBuffer>(pointer, { responseType: 'arraybuffer', timeout: 15_000 });  //@vuln CWE-918
  await axios.post(`${DOCUMENT_STORE_URL}/${encodeURIComponent(mrn)}`, data, {
    headers: { 'Content-Type': 'application/octet-stream', 'X-Source-Pointer': pointer },
  });
}

function parseClinicalDocument(xml: string) {
  const doc = libxmljs.parseXml(xml, { noent: true, nonet: true });  //@vuln CWE-611
  const ns = { hl7: 'urn:hl7-org:v3' };
  return {
    title: doc.get('//hl7:title', ns)?.text() ?? 'Clinical document',
    author: doc.get('//hl7:author//hl7:name', ns)?.text() ?? null,
    body: doc.get('//hl7:component/hl7:structuredBody', ns)?.toString() ?? '',
  };
}

function parseRadiologyReport(xml: string) {
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true, dtdload: false });  //@safe
  return {
    title: doc.get('//ReportTitle')?.text() ?? 'Imaging report',
    author: doc.get('//Radiologist')?.text() ?? null,
    body: doc.get('//Impression')?.text() ?? '',
  };
}

async function handleMessage(msg: ConsumeMessage): Promise<void> {
  const envelope = decodeEnvelope(msg.content);
  const segments = parseHl7(envelope.hl7);
  const msh = segmentsNamed(segments, 'MSH')[0];
  const pid = segmentsNamed(segments, 'PID')[0];
  if (!msh || !pid) throw new Error(`message in ${envelope.file} is missing MSH or PID`);

  const mrn = await upsertPatient(pid);
  const messageType = component(msh[8], 0);
  if (messageType !== 'ORU') return;

  const conversion = segmentsNamed(segments, 'ZTX')[0]?.[2];
  const convert = conversion ? eval(`(function (value) { return ${conversion}; })`) : undefined;  //@vuln CWE-95

  for (const obx of segmentsNamed(segments, 'OBX')) {
    switch (obx[2]) {
      case 'RP':
        await copyReferencedDocument(mrn, obx);
        break;
      case 'ED': {
        const xml = Buffer.from(component(obx[5], 4), 'base64').toString('utf8');
        const doc = envelope.feed === 'metro-radiology' ? parseRadiologyReport(xml) : parseClinicalDocument(xml);
        await db.execute('INSERT INTO clinical_documents (mrn, title, author, body, received_at) VALUES (?, ?, ?, ?, ?)', [
          mrn,
          doc.title,
          doc.author,
          doc.body,
          new Date(envelope.receivedAt),
        ]);
        break;
      }
      default:
        await storeObservation(mrn, obx, convert);
    }
  }
}

export async function main(): Promise<void> {
  const amqpUrl = process.env.AMQP_URL ?? 'amqps://mq.carebridge.internal:5671';
  const connection = await amqp.connect(amqpUrl, { ca: [internalCa], servername: 'mq.carebridge.internal' });
  const channel = await connection.createChannel();
  await channel.assertQueue(INBOUND_QUEUE, { durable: true });
  await channel.assertQueue(FAILED_QUEUE, { durable: true });
  await channel.prefetch(10);

  await channel.consume(INBOUND_QUEUE, async (msg) => {
    if (!msg) return;
    try {
      await handleMessage(msg);
      channel.ack(msg);
    } catch (err) {
      console.error('hl7 message failed', err);
      channel.sendToQueue(FAILED_QUEUE, msg.content, { persistent: true, headers: { error: String(err) } });
      channel.ack(msg);
    }
  });
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
