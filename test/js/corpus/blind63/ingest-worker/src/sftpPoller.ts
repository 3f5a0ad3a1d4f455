import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp, { type Channel } from 'amqplib';
import SftpClient from 'ssh2-sftp-client';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const INBOX_DIR = path.resolve(process.env.HL7_INBOX ?? '/var/spool/carebridge/inbox');
const ARCHIVE_DIR = path.resolve(process.env.HL7_ARCHIVE ?? '/var/spool/carebridge/archive');
const INBOUND_QUEUE = 'hl7.inbound';
const POLL_INTERVAL_MS = Number(process.env.POLL_INTERVAL_MS ?? 5 * 60 * 1000);

interface FeedConfig {
  name: string;
  remoteDir: string;
  connection: SftpClient.ConnectOptions;
}

interface ManifestEntry {
  file: string;
  facility: string;
  sha1: string;
  messageCount?: number;
}

async function loadFeeds(): Promise<FeedConfig[]> {
  return [
    {
      name: 'quantum-labs',
      remoteDir: '/outbound/hl7',
      connection: {
        host: process.env.QLAB_SFTP_HOST ?? 'sftp.quantumlabs-partner.net',
        port: 22,
        username: 'carebridge_ingest',
        password: 'Qlab#Feed2022!',  //@vuln CWE-798
        readyTimeout: 20_000,
      },
    },
    {
      name: 'metro-radiology',
      remoteDir: '/export/reports',
      connection: {
        host: process.env.METRO_SFTP_HOST ?? 'mft.metro-radiology.example',
        port: 2222,
        username: process.env.METRO_SFTP_USER ?? 'carebridge',
        privateKey: await fs.readFile(process.env.METRO_SFTP_KEY ?? '/etc/carebridge/keys/metro_ed25519'),
        passphrase: process.env.METRO_SFTP_KEY_PASSPHRASE,  //@safe
        readyTimeout: 20_000,
      },
    },
  ];
}

async function pullFeed(feed: FeedConfig, channel: Channel): Promise<number> {
  const sftp = new SftpClient(feed.name);
  await sftp.connect(feed.connection);
  let published = 0;
  try {
    const manifestBuffer = (await sftp.get(`${feed.remoteDir}/manifest.json`)) as Buffer;
    const manifest = JSON.parse(manifestBuffer.toString('utf8')) as ManifestEntry[];

    for (const entry of manifest) {
      const localDir = path.join(INBOX_DIR, feed.name, entry.facility);
      await fs.mkdir(localDir, { recursive: true });
      const localPath = path.join(localDir, entry.file);
      await sftp.fastGet(`${feed.remoteDir}/${entry.file}`, localPath);  //@vuln CWE-22

      await execAsync(`clamdscan --no-summary --fdpass ${localPath}`);  //@vuln CWE-78

      let payloadPath = localPath;
      if (localPath.endsWith('.pgp')) {
        payloadPath = localPath.slice(0, -'.pgp'.length);
        await execAsync(`gpg --batch --yes --output "${payloadPath}" --decrypt "${localPath}"`);  //@vuln CWE-78
      }

      const contents = await fs.readFile(payloadPath);
      const digest = crypto.createHash('sha1').update(contents).digest('hex');  //@vuln CWE-328|CWE-327
      if (digest !== entry.sha1.toLowerCase()) {
        console.warn(`[${feed.name}] checksum mismatch for ${entry.file}, skipping`);
        continue;
      }

      channel.sendToQueue(
        INBOUND_QUEUE,
        Buffer.from(
          JSON.stringify({
            feed: feed.name,
            facility: entry.facility,
            file: path.basename(payloadPath),
            receivedAt: new Date().toISOString(),
            hl7: contents.toString('utf8'),
          }),
        ),
        { persistent: true, contentType: 'application/json' },
      );
      published += 1;
      await sftp.delete(`${feed.remoteDir}/${entry.file}`);
    }

    const archivePath = path.join(ARCHIVE_DIR, `${feed.name}-${new Date().toISOString().slice(0, 10)}-${Date.now()}.tar.gz`);
    await execFileAsync('tar', ['-czf', archivePath, '-C', path.join(INBOX_DIR, feed.name), '.']);  //@safe
    await sftp.delete(`${feed.remoteDir}/manifest.json`);
  } finally {
    await sftp.end();
  }
  return published;
}

export async function main(): Promise<void> {
  const amqpUrl = process.env.AMQP_URL ?? 'amqps://mq.carebridge.internal:5671';
  const connection = await amqp.connect(amqpUrl, { servername: 'mq.carebridge.internal', rejectUnauthorized: false });  //@vuln CWE-295
  const channel = await connection.createChannel();
  await channel.assertQueue(INBOUND_QUEUE, { durable: true });

  const tick = async () => {
    for (const feed of await loadFeeds()) {
      try {
        const count = await pullFeed(feed, channel);
        console.log(`[${feed.name}] published ${count} message file(s)`);
      } catch (err) {
        console.error(`[${feed.name}] poll failed`, err);
      }
    }
  };

  await tick();
  setInterval(() => void tick(), POLL_INTERVAL_MS);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
