import fs from 'fs';
import { Kafka, EachMessagePayload, logLevel } from 'kafkajs';
import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand, Message } from '@aws-sdk/client-sqs';
import { Pool } from 'pg';
import { createClient } from 'redis';
import { exec } from 'child_process';
import serialize from 'node-serialize';
import { RuleBook, AlertRule, Position } from './rules';

const kafka = new Kafka({
  clientId: 'telemetry-consumer',
  brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9093').split(','),
  ssl: { rejectUnauthorized: true, ca: [fs.readFileSync(process.env.KAFKA_CA_PATH ?? '/etc/kafka/ca.pem', 'utf8')] },
  sasl: { mechanism: 'scram-sha-512', username: process.env.KAFKA_USERNAME ?? 'telemetry', password: process.env.KAFKA_PASSWORD ?? '' },
  logLevel: logLevel.WARN,
});

const pg = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const redis = createClient({ url: process.env.REDIS_URL });
const sqs = new SQSClient({ region: process.env.AWS_REGION ?? 'eu-west-1' });
const diagnosticsQueueUrl = process.env.DIAGNOSTICS_QUEUE_URL!;
const rules = new RuleBook();

// Live device state shared with the dashboard websocket service
const deviceState: Record<string, any> = {};

function applyDelta(state: Record<string, any>, delta: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(delta)) {
    const parts = path.split('.');
    let cursor = state;
    for (const part of parts.slice(0, -1)) {
      cursor[part] ??= {};
      cursor = cursor[part];
    }
    cursor[parts[parts.length - 1]] = value;  //@vuln CWE-1321
  }
}

function decodePosition(raw: Buffer, headers: Record<string, unknown>): Position {
  const text = raw.toString('utf8');
  // Gen-1 trackers emit JS object literals (unquoted keys) instead of JSON
  if (String(headers['x-device-gen'] ?? '') === '1') {
    return eval('(' + text + ')');  //@vuln CWE-95
  }
  return JSON.parse(text) as Position;
}

async function storePosition(tenantId: number, p: Position): Promise<void> {
  await pg.query('INSERT INTO positions (tenant_id, vehicle_id, device_id, lat, lng, speed_kph, heading, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [tenantId, p.vehicleId, p.deviceId, p.lat, p.lng, p.speedKph, p.heading, p.recordedAt]);
  await redis.set(`pos:${p.vehicleId}`, JSON.stringify(p), { EX: 600 });
}

async function storeStatusEvent(tenantId: number, event: { deviceId: string; code: string; detail: string; at: string }): Promise<void> {
  await pg.query(`INSERT INTO device_events (tenant_id, device_id, code, detail, occurred_at) VALUES (${tenantId}, '${event.deviceId}', '${event.code}', '${event.detail}', '${event.at}')`);  //@vuln CWE-89
}

async function handleTelemetry({ topic, message }: EachMessagePayload): Promise<void> {
  if (!message.value) return;
  const tenantId = Number(message.headers?.['x-tenant-id']?.toString() ?? 0);
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]));

  switch (topic) {
    case 'vehicle.positions': {
      const position = decodePosition(message.value, headers);
      await storePosition(tenantId, position);
      for (const rule of rules.evaluate(tenantId, position)) {
        await pg.query('INSERT INTO alerts (tenant_id, rule_id, vehicle_id, fired_at) VALUES ($1, $2, $3, now())', [tenantId, rule.id, position.vehicleId]);
      }
      break;
    }
    case 'vehicle.status':
      await storeStatusEvent(tenantId, JSON.parse(message.value.toString()));
      break;
    case 'device.state': {
      const { deviceId, delta } = JSON.parse(message.value.toString());
      deviceState[deviceId] ??= {};
      applyDelta(deviceState[deviceId], delta);
      break;
    }
    case 'alert-rules': {
      const rule = JSON.parse(message.value.toString()) as AlertRule & { deleted?: boolean };
      if (rule.deleted) rules.remove(rule.tenantId, rule.id);
      else rules.upsert(rule);
      break;
    }
    default:
      console.warn('unexpected topic', topic);
  }
}

interface DiagnosticRequest {
  deviceId: string;
  dtcCode: string;
  snapshot?: string;
}

function runDecoder(req: DiagnosticRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    exec(`/opt/fleet/bin/dtc-decode --device ${req.deviceId} --code ${req.dtcCode}`, { timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));  //@vuln CWE-78
  });
}

async function handleDiagnostic(message: Message): Promise<void> {
  const body = JSON.parse(message.Body ?? '{}');
  // Older firmware wraps the freeze-frame snapshot using the node agent's serializer
  const request: DiagnosticRequest = body.encoding === 'nser' ? serialize.unserialize(Buffer.from(body.payload, 'base64').toString('utf8')) : body;  //@vuln CWE-502
  const decoded = await runDecoder(request);
  await pg.query('INSERT INTO diagnostics (device_id, dtc_code, decoded, received_at) VALUES ($1, $2, $3, now())', [request.deviceId, request.dtcCode, decoded]);
}

async function pollDiagnostics(): Promise<void> {
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: diagnosticsQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }));
    for (const message of Messages) {
      try {
        await handleDiagnostic(message);
        await sqs.send(new DeleteMessageCommand({ QueueUrl: diagnosticsQueueUrl, ReceiptHandle: message.ReceiptHandle }));
      } catch (err) {
        console.error('diagnostic failed', message.MessageId, err);
      }
    }
  }
}

export async function main(): Promise<void> {
  await redis.connect();
  const consumer = kafka.consumer({ groupId: 'telemetry-consumer' });
  await consumer.connect();
  await consumer.subscribe({ topics: ['vehicle.positions', 'vehicle.status', 'device.state', 'alert-rules'], fromBeginning: false });
  await consumer.run({ eachMessage: handleTelemetry });
  void pollDiagnostics();

  const shutdown = async () => {
    await consumer.disconnect();
    await pg.end();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
