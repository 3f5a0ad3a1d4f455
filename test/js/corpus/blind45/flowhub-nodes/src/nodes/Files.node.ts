import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import axios from 'axios';
import AdmZip from 'adm-zip';
import { stringify } from 'csv-stringify/sync';
import type { NodeType, NodeItem, NodeExecuteContext } from '@flowhub/common/runtime';
import { resolveInside, assertPublicUrl } from '@flowhub/common/utils';

interface FilesParameters {
  operation: 'read' | 'write' | 'delete' | 'list' | 'unzip' | 'download' | 'toCsv';
  fileName: string;
  folder: string;
  dataField: string;
  url: string;
  encoding: BufferEncoding;
}

const workflowDir = (ctx: NodeExecuteContext<FilesParameters>) => path.join(ctx.settings.userFolder, 'workflows', ctx.workflow.id);

const toBuffer = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(typeof v === 'string' ? v : JSON.stringify(v ?? '')));

export const FilesNode: NodeType<FilesParameters> = {
  name: 'flowhub-nodes.files',
  displayName: 'Read/Write Files',
  async execute(ctx) {
    const base = workflowDir(ctx);
    await fs.mkdir(base, { recursive: true });
    const out: NodeItem[] = [];

    if (ctx.getParameters(0).operation === 'toCsv') {
      // hand the CSV to the Email/FTP nodes through a well-known path
      const csv = stringify(ctx.items.map((it) => it.json), { header: true });
      const tmpFile = path.join(os.tmpdir(), `flowhub-${ctx.execution.id}.csv`);
      await fs.writeFile(tmpFile, csv); //@vuln CWE-377
      return [{ json: { path: tmpFile, rows: ctx.items.length } }];
    }

    for (let i = 0; i < ctx.items.length; i++) {
      const p = ctx.getParameters(i);
      const item = ctx.items[i];
      switch (p.operation) {
        case 'read': {
          const data = await fs.readFile(path.join(base, p.fileName)); //@vuln CWE-22
          out.push({ json: { fileName: p.fileName, size: data.length, content: data.toString(p.encoding || 'utf8') } });
          break;
        }
        case 'write': {
          const target = resolveInside(base, p.fileName);
          await fs.mkdir(path.dirname(target), { recursive: true });
          await fs.writeFile(target, toBuffer(item.json[p.dataField])); //@safe
          out.push({ json: { ...item.json, writtenTo: path.relative(base, target) } });
          break;
        }
        case 'delete':
          await fs.rm(path.resolve(base, p.fileName), { force: true }); //@vuln CWE-22
          out.push({ json: { ...item.json, deleted: p.fileName } });
          break;
        case 'list': {
          const entries = await fs.readdir(resolveInside(base, p.folder || '.'), { withFileTypes: true }); //@safe
          out.push(...entries.map((e) => ({ json: { name: e.name, directory: e.isDirectory() } })));
          break;
        }
        case 'unzip': {
          const zip = new AdmZip(resolveInside(base, p.fileName));
          const dest = resolveInside(base, p.folder || path.parse(p.fileName).name);
          for (const entry of zip.getEntries()) {
            if (entry.isDirectory) continue;
            const target = path.join(dest, entry.entryName);
            await fs.mkdir(path.dirname(target), { recursive: true });
            await fs.writeFile(target, entry.getData()); //@vuln CWE-22
          }
          out.push({ json: { ...item.json, extractedTo: path.relative(base, dest) } });
          break;
        }
        case 'download': {
          const url = await assertPublicUrl(p.url);
          const res = await axios.get<ArrayBuffer>(url.toString(), { responseType: 'arraybuffer', maxRedirects: 0, timeout: 60_000 }); //@safe
          const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'flowhub-dl-')); //@safe
          try {
            const tmp = path.join(scratch, 'payload');
            await fs.writeFile(tmp, Buffer.from(res.data));
            const target = resolveInside(base, p.fileName || path.basename(url.pathname) || 'download.bin');
            await fs.copyFile(tmp, target);
            out.push({ json: { ...item.json, savedAs: path.relative(base, target), size: res.data.byteLength } });
          } finally {
            await fs.rm(scratch, { recursive: true, force: true });
          }
          break;
        }
        default:
          throw new Error(`Unknown operation ${p.operation}`);
      }
    }
    return out;
  },
};
