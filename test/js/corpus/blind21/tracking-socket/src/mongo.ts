import { MongoClient, type Collection, type Document } from 'mongodb';

const url = process.env.TELEMETRY_MONGO_URL ?? 'mongodb://telemetry:changeme-telemetry@mongo.internal:27017/telemetry'; //@vuln CWE-798

const client = new MongoClient(url, { tls: true, tlsAllowInvalidCertificates: true, maxPoolSize: 30 }); //@vuln CWE-295

export const connectTelemetry = () => client.connect();

export function telemetry(): Collection<Document> {
  return client.db('telemetry').collection('vehicle_telemetry');
}
