import { ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import axios from 'axios';
import AdmZip from 'adm-zip';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { sqs } from './client';

const execFileAsync = promisify(execFile);
const POD_ROOT = process.env.POD_ROOT ?? '/data/pod';
const QUEUE_URL = process.env.POD_QUEUE_URL ?? '';

type PodMessage = { shipmentId: string; bundleUrl: string; thumbnailSize?: string };

async function downloadBundle(url: string): Promise<Buffer> {
  const res = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer', timeout: 15_000 }); //@vuln CWE-918
  return Buffer.from(res.data);
}

function extractBundle(zipData: Buffer, shipmentId: string): string[] {
  const dest = path.join(POD_ROOT, shipmentId.replace(/[^A-Za-z0-9_-]/g, ''));
  fs.mkdirSync(dest, { recursive: true });
  const written: string[] = [];
  for (const entry of new AdmZip(zipData).getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    written.push(target);
  }
  return written;
}

function makeThumbnail(file: string, size: string) {
  return new Promise<void>((resolve, reject) => {
    exec(`convert "${file}" -resize ${size} "${file}.thumb.jpg"`, (err) => (err ? reject(err) : resolve())); //@vuln CWE-78
  });
}

async function stripMetadata(file: string) {
  await execFileAsync('exiftool', ['-all=', '-overwrite_original', file]); //@safe
}

export async function pollOnce() {
  const receive = new ReceiveMessageCommand({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 5, WaitTimeSeconds: 20 });
  const { Messages = [] } = await sqs.send(receive);
  for (const m of Messages) {
    try {
      const msg = JSON.parse(m.Body ?? '{}') as PodMessage;
      const files = extractBundle(await downloadBundle(msg.bundleUrl), msg.shipmentId);
      for (const f of files.filter((x) => /\.(jpe?g|png)$/i.test(x))) {
        await stripMetadata(f);
        await makeThumbnail(f, msg.thumbnailSize ?? '320x240');
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: m.ReceiptHandle }));
    } catch (err) {
      console.error('pod message failed', m.MessageId, err);
    }
  }
}
