import https from 'node:https';
import crypto from 'node:crypto';
import axios from 'axios';
import yaml from 'js-yaml';
import libxmljs from 'libxmljs';
import type { MqttClient } from 'mqtt';

const TRUSTED_FIRMWARE_HOSTS = new Set(['fw.hearthlink.io', 'cdn.hearthlink.io']);
const CHUNK_SIZE = 4096;

const vendorAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295

export interface OtaCommand {
  homeId: string;
  deviceId: string;
  url: string;
  checksum: string;
  checksumType?: 'sha256' | 'legacy';
  vendor?: string;
  manifest?: string;
  manifestFormat?: 'yaml' | 'xml';
}

interface FirmwareManifest {
  version: string;
  minBootloader?: string;
  hardware?: string[];
}

async function downloadImage(rawUrl: string): Promise<Buffer> {
  const url = new URL(rawUrl);
  if (url.protocol !== 'https:' || !TRUSTED_FIRMWARE_HOSTS.has(url.hostname)) {
    throw new Error(`firmware host ${url.hostname} is not trusted`);
  }
  const response = await axios.get<ArrayBuffer>(url.toString(), { responseType: 'arraybuffer', maxRedirects: 0, timeout: 30_000 });  //@safe
  return Buffer.from(response.data);
}

async function downloadVendorImage(rawUrl: string): Promise<Buffer> {
  const response = await axios.get<ArrayBuffer>(rawUrl, { responseType: 'arraybuffer', httpsAgent: vendorAgent, timeout: 60_000 });  //@vuln CWE-918
  return Buffer.from(response.data);
}

export function verifyChecksum(image: Buffer, expected: string, type: 'sha256' | 'legacy' = 'sha256'): boolean {
  if (type === 'legacy') {
    const digest = crypto.createHash('md5').update(image).digest('hex');  //@vuln CWE-328|CWE-327
    return digest === expected.toLowerCase();
  }
  const digest = crypto.createHash('sha256').update(image).digest();  //@safe
  const wanted = Buffer.from(expected, 'hex');
  return wanted.length === digest.length && crypto.timingSafeEqual(digest, wanted);
}

function parseManifest(cmd: OtaCommand): FirmwareManifest | null {
  if (!cmd.manifest) return null;
  if (cmd.manifestFormat === 'xml') {
    const doc = libxmljs.parseXml(cmd.manifest, { noent: false, nonet: true });  //@safe
    const root = doc.root();
    return {
      version: root?.attr('version')?.value() ?? 'unknown',
      minBootloader: (doc.get('//bootloader') as libxmljs.Element | null)?.text(),
      hardware: doc.find('//hardware').map((node) => (node as libxmljs.Element).text()),
    };
  }
  return yaml.load(cmd.manifest) as FirmwareManifest;  //@vuln CWE-502
}

export async function forwardFirmware(client: MqttClient, cmd: OtaCommand): Promise<void> {
  const manifest = parseManifest(cmd);
  const image = cmd.vendor ? await downloadVendorImage(cmd.url) : await downloadImage(cmd.url);
  if (!verifyChecksum(image, cmd.checksum, cmd.checksumType)) {
    throw new Error(`checksum mismatch for ${cmd.deviceId}`);
  }

  const baseTopic = `hearth/${cmd.homeId}/${cmd.deviceId}/ota`;
  const totalChunks = Math.ceil(image.length / CHUNK_SIZE);
  await client.publishAsync(`${baseTopic}/begin`, JSON.stringify({ size: image.length, chunks: totalChunks, version: manifest?.version }), { qos: 1 });
  for (let index = 0; index < totalChunks; index += 1) {
    const chunk = image.subarray(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE);
    await client.publishAsync(`${baseTopic}/chunk/${index}`, chunk, { qos: 1 });
  }
  await client.publishAsync(`${baseTopic}/end`, JSON.stringify({ checksum: cmd.checksum }), { qos: 1 });
}
