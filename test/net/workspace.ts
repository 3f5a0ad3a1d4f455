import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../helpers/git-repo.js';

/** A temporary workspace with the given residency mode (or a raw workspace.json text). */
export function workspace(mode?: 'standard' | 'air-gapped', raw?: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.mso'), { recursive: true });
  if (raw !== undefined) writeFileSync(join(dir, '.mso', 'workspace.json'), raw);
  else if (mode) writeFileSync(join(dir, '.mso', 'workspace.json'), JSON.stringify({ dataResidency: { mode } }));
  return dir;
}

export function egressLines(root: string): Array<Record<string, unknown>> {
  const p = join(root, '.mso', 'egress.log');
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

export interface LoopbackServer {
  server: Server;
  url: string;
  port: number;
  requests: Array<{ method?: string; url?: string; body: string }>;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records requests and answers with `handler`. */
export async function loopbackServer(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<LoopbackServer> {
  const requests: LoopbackServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, body });
      res.setHeader('connection', 'close');
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}
