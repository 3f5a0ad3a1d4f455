import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import libxmljs from 'libxmljs';
import { MongoClient } from 'mongodb';
import { DeviceService } from './devices';
import { startMqttWorker } from './mqttWorker';

const app = Fastify({ logger: true, bodyLimit: 512 * 1024 });
const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
const db = mongo.db(process.env.MONGO_DB ?? 'telemetry');
const devices = new DeviceService(db);

app.register(cors, { origin: true, credentials: true });  //@vuln CWE-942

interface XmlReading {
  deviceId: string;
  kwh: number;
  voltage: number;
  ts: Date;
}

// Legacy concentrators post their half-hourly batches as XML
app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => {
  try {
    done(null, libxmljs.parseXml(body as string, { noent: true, nonet: false }));  //@vuln CWE-611
  } catch (err) {
    done(err as Error, undefined);
  }
});

app.addContentTypeParser('application/vnd.gridpulse.manifest+xml', { parseAs: 'string' }, (_req, body, done) => {
  try {
    done(null, libxmljs.parseXml(body as string, { noent: false, nonet: true, dtdload: false }));  //@safe
  } catch (err) {
    done(err as Error, undefined);
  }
});

function readingsFrom(doc: libxmljs.Document): XmlReading[] {
  return doc.find<libxmljs.Element>('//reading').map((node) => ({
    deviceId: node.attr('device')?.value() ?? 'unknown',
    kwh: Number(node.attr('kwh')?.value() ?? 0),
    voltage: Number(node.attr('v')?.value() ?? 0),
    ts: new Date(node.attr('ts')?.value() ?? Date.now()),
  }));
}

app.post('/telemetry/xml', async (request) => {
  const readings = readingsFrom(request.body as libxmljs.Document);
  if (readings.length) await db.collection('readings').insertMany(readings);
  return { accepted: readings.length };
});

app.post('/firmware/manifest', async (request) => {
  const doc = request.body as libxmljs.Document;
  const version = doc.get<libxmljs.Element>('//firmware')?.attr('version')?.value();
  await db.collection('firmware').updateOne({ version }, { $set: { version, receivedAt: new Date() } }, { upsert: true });
  return { version };
});

app.post('/devices/auth', async (request, reply) => {
  const { deviceId, apiKey } = request.body as { deviceId: unknown; apiKey: unknown };
  const device = await devices.authenticate(deviceId, apiKey);
  if (!device) return reply.code(401).send({ error: 'unknown_device' });
  return { deviceId: device.deviceId, site: device.site };
});

app.get('/alerts/voltage', async (request) => {
  const { threshold = '253' } = request.query as { threshold?: string };
  return db.collection('readings').find({ $where: `this.voltage > ${threshold}` }).limit(100).toArray();  //@vuln CWE-943
});

app.post('/devices/query', async (request) => {
  const { filter, limit } = request.body as { filter: Record<string, unknown>; limit?: number };
  return db.collection('devices').find(filter, { projection: { apiKey: 0 } }).limit(Math.min(limit ?? 50, 200)).toArray();  //@vuln CWE-943
});

app.get('/devices/by-serial/:serial', async (request, reply) => {
  const { serial } = request.params as { serial: string };
  const device = await db.collection('devices').findOne({ serial: String(serial) }, { projection: { apiKey: 0 } });  //@safe
  return device ?? reply.code(404).send();
});

app.get('/devices/:id/status', async (request: FastifyRequest, reply: FastifyReply) => {
  const { id } = request.params as { id: string };
  const { note = '' } = request.query as { note?: string };
  const device = await devices.byId(id);
  if (!device) return reply.code(404).send();
  const seen = device.lastSeen ? device.lastSeen.toISOString() : 'never';
  return reply.type('text/html').send(`<section class="device"><h3>${device.label}</h3><p>${note}</p><small>Last seen ${seen}</small></section>`);  //@vuln CWE-79
});

app.get('/sites/:site/devices', async (request) => {
  const { site } = request.params as { site: string };
  const { match } = request.query as { match?: string };
  return match ? devices.filterByLabel(site, match) : devices.bySite(site);
});

app.get('/devices/search', async (request) => {
  const { q = '' } = request.query as { q?: string };
  return devices.searchByLabel(q);
});

async function main() {
  await mongo.connect();
  startMqttWorker(db, devices);
  await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 8081) });
}

main().catch((err) => {
  app.log.error(err);
  process.exit(1);
});
