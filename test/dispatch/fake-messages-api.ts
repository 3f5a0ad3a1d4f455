import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI, type RunResult } from '../helpers/cli.js';

/**
 * A loopback server speaking enough of the Messages API (POST /v1/messages,
 * non-streaming) for crew tests: it answers from a script of replies and
 * records every request it receives.
 */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (for interrupt tests). */
  hang?: boolean;
}
export type Step = Reply | ((req: RecordedRequest) => Reply);

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: any;
}

let seq = 0;
export function toolUse(...calls: Array<[string, unknown]>): Reply {
  return {
    body: {
      id: `msg_${++seq}`,
      type: 'message',
      role: 'assistant',
      model: 'test-model',
      content: calls.map(([name, input]) => ({ type: 'tool_use', id: `toolu_${++seq}`, name, input })),
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 20 },
    },
  };
}

export function endTurn(text = 'Done.'): Reply {
  return {
    body: {
      id: `msg_${++seq}`,
      type: 'message',
      role: 'assistant',
      model: 'test-model',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 50, output_tokens: 10 },
    },
  };
}

export function apiError(status: number, type: string, message: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'retry-after-ms': '5', ...headers }, body: { type: 'error', error: { type, message } } };
}

export class FakeMessagesApi {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  private readonly hanging: ServerResponse[] = [];
  private step = 0;
  onRequest?: () => void;

  constructor(private readonly script: Step[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  private answer(req: IncomingMessage, res: ServerResponse, raw: string): void {
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const rec = { path: req.url ?? '', headers: req.headers, raw, body };
    this.requests.push(rec);
    this.onRequest?.();
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'no' } }));
      return;
    }
    const s = this.script[this.step++];
    const reply: Reply = s === undefined ? endTurn('Nothing more to do.') : typeof s === 'function' ? s(rec) : s;
    if (reply.hang) {
      this.hanging.push(res);
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    res.end(JSON.stringify(reply.body ?? {}));
  }

  async close(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** Runs the built CLI without blocking the event loop (the fake server lives in this process). */
export function runCliAsync(
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; onSpawn?: (kill: (sig: NodeJS.Signals) => void) => void },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
    opts.onSpawn?.((sig) => child.kill(sig));
  });
}
