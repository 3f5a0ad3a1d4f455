import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { jest } from '@jest/globals';
import Anthropic from '@anthropic-ai/sdk';
import { isLoopbackHost } from '../../src/net/hosts.js';
import {
  assertEgressAllowed,
  egressFetch,
  egressLogLineSchema,
  EgressRefused,
  findEgressRefused,
  installProcessGuard,
  isEgressRefused,
  withEgressPurpose,
} from '../../src/net/egress.js';
import { _removeProcessGuardForTests } from '../../src/net/guard.js';
import { egressLines, loopbackServer, workspace } from './workspace.js';
import { waitFor } from '../helpers/wait.js';

// Refused targets are documentation-only names and addresses: example.invalid
// (RFC 2606, never resolves) and 203.0.113.1 (TEST-NET-3, never routed).
const REFUSED_HOSTS = ['example.invalid', '203.0.113.1'];

/** Spies installed under the guard: the guard captures them as "the originals", so a refused call must never reach them. */
const realConnect = net.Socket.prototype.connect;
const realLookup = dns.lookup;
const realResolve4 = dns.resolve4;
const realSend = dgram.Socket.prototype.send;
const connectSpy = jest.fn(function (this: net.Socket, ...args: unknown[]) {
  return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
});
const lookupSpy = jest.fn(function (this: unknown, ...args: unknown[]) {
  return (realLookup as (...a: unknown[]) => unknown).apply(this, args);
});
const resolveSpy = jest.fn(function (this: unknown, ...args: unknown[]) {
  return (realResolve4 as (...a: unknown[]) => unknown).apply(this, args);
});
const sendSpy = jest.fn(function (this: unknown, ...args: unknown[]) {
  return (realSend as (...a: unknown[]) => unknown).apply(this, args);
});

/** Which hosts the spies saw a connect or lookup for (loopback test servers are fine). */
function nonLoopbackTouches(): string[] {
  const hosts: string[] = [];
  for (const call of connectSpy.mock.calls) {
    let a = call[0] as unknown;
    if (Array.isArray(a)) a = a[0];
    const host = typeof a === 'object' && a ? String((a as { host?: string }).host ?? 'localhost') : typeof call[1] === 'string' ? call[1] : 'localhost';
    if (!isLoopbackHost(host)) hosts.push(host);
  }
  for (const call of lookupSpy.mock.calls) if (!isLoopbackHost(String(call[0]))) hosts.push(`dns:${String(call[0])}`);
  for (const call of resolveSpy.mock.calls) hosts.push(`resolve:${String(call[0])}`);
  for (const call of sendSpy.mock.calls) hosts.push(`udp:${String(call[2])}`);
  return hosts;
}

let airGapped: string;

beforeAll(() => {
  net.Socket.prototype.connect = connectSpy as unknown as typeof net.Socket.prototype.connect;
  dns.lookup = lookupSpy as unknown as typeof dns.lookup;
  dns.resolve4 = resolveSpy as unknown as typeof dns.resolve4;
  dgram.Socket.prototype.send = sendSpy as unknown as typeof dgram.Socket.prototype.send;
  airGapped = workspace('air-gapped');
  installProcessGuard(airGapped);
});

afterAll(() => {
  _removeProcessGuardForTests();
  net.Socket.prototype.connect = realConnect;
  dns.lookup = realLookup;
  dns.resolve4 = realResolve4;
  dgram.Socket.prototype.send = realSend;
});

beforeEach(() => {
  installProcessGuard(airGapped);
  connectSpy.mockClear();
  lookupSpy.mockClear();
  resolveSpy.mockClear();
  sendSpy.mockClear();
});

afterEach(() => {
  expect(nonLoopbackTouches()).toEqual([]);
});

function errorEvent(emitter: { once(ev: 'error', cb: (e: Error) => void): unknown }): Promise<Error> {
  return new Promise((resolve) => emitter.once('error', resolve));
}

describe('loopback', () => {
  test.each([
    ['127.0.0.1', true], ['127.255.0.9', true], ['localhost', true], ['LOCALHOST', true], ['::1', true], ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true], ['::ffff:127.0.0.1', true],
    ['128.0.0.1', false], ['0.0.0.0', false], ['::', false], ['localhost.example.invalid', false], ['127.0.0.1.example.invalid', false],
    ['example.invalid', false], ['203.0.113.1', false], ['::ffff:203.0.113.1', false], ['2001:db8::1', false], ['127.1', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('egressFetch in an air-gapped workspace', () => {
  test.each(REFUSED_HOSTS)('refuses %s before the transport is called, and logs it without path or query', async (host) => {
    const root = workspace('air-gapped');
    const transport = jest.fn<typeof fetch>(() => {
      throw new Error('the transport must not be called for a refused destination');
    });
    const f = egressFetch('model', root, { transport });
    const err = await f(`https://${host}:8443/v1/messages/src/app/secret_file.py?prompt=leak-me`, { method: 'POST', body: 'PROMPT-BODY' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressRefused);
    const r = err as EgressRefused;
    expect(r.host).toBe(host);
    expect(r.purpose).toBe('model');
    expect(r.mode).toBe('air-gapped');
    expect(r.message).toContain(host);
    expect(r.message).toContain('model');
    expect(r.message).toContain('air-gapped');
    expect(transport).not.toHaveBeenCalled();

    const lines = egressLines(root);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ purpose: 'model', host, port: 8443, decision: 'refused', mode: 'air-gapped', bytesSent: 0, bytesReceived: 0 });
    expect(() => egressLogLineSchema.parse(lines[0])).not.toThrow();
    const raw = JSON.stringify(lines);
    for (const leak of ['secret_file', 'v1/messages', 'prompt', 'leak-me', 'PROMPT-BODY']) expect(raw).not.toContain(leak);
  });

  test('assertEgressAllowed refuses up front, so an SDK never gets to retry', () => {
    const root = workspace('air-gapped');
    expect(() => assertEgressAllowed('licence', root, 'https://licence.example.invalid/v1')).toThrow(EgressRefused);
    expect(() => assertEgressAllowed('licence', root, 'http://127.0.0.1:9/v1')).not.toThrow();
    expect(egressLines(root).map((l) => l.decision)).toEqual(['refused']);
  });

  test('a loopback server still works, and the connection is logged with its byte counts', async () => {
    const root = workspace('air-gapped');
    const srv = await loopbackServer((_req, _body, res) => res.end('hello from loopback'));
    try {
      const res = await egressFetch('model', root)(`${srv.url}/v1/messages?q=private`, { method: 'POST', body: 'x'.repeat(100) });
      expect(await res.text()).toBe('hello from loopback');
    } finally {
      await srv.close();
    }
    await waitFor(() => egressLines(root).length > 0, "the socket's 'close' event to write the log line");
    const lines = egressLines(root);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ purpose: 'model', via: 'socket', host: '127.0.0.1', port: srv.port, decision: 'allowed', mode: 'air-gapped' });
    expect(lines[0]!.bytesSent as number).toBeGreaterThan(100);
    expect(lines[0]!.bytesReceived as number).toBeGreaterThan(19);
    expect(JSON.stringify(lines)).not.toContain('private');
  });

  test('a workspace.json that cannot be read refuses everything but loopback (fail closed)', async () => {
    const root = workspace(undefined, '{"dataResidency": {"mode": "air-gapped"');
    const err = await egressFetch('telemetry', root, { transport: () => Promise.reject(new Error('must not be called')) })('https://example.invalid/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressRefused);
    expect((err as EgressRefused).mode).toBe('unknown');
    expect((err as Error).message).toMatch(/cannot be read/);
  });
});

describe('egressFetch in a standard workspace', () => {
  test('passes the request to the transport and attributes nothing it should not', async () => {
    const root = workspace('standard');
    const transport = jest.fn<typeof fetch>(async () => new Response('ok'));
    const res = await egressFetch('telemetry', root, { transport })('https://example.invalid/v1/events', { method: 'POST', body: '[]' });
    expect(await res.text()).toBe('ok');
    expect(transport).toHaveBeenCalledTimes(1);
  });

  test('a workspace with no configuration is standard', async () => {
    const root = workspace();
    const transport = jest.fn<typeof fetch>(async () => new Response('ok'));
    await egressFetch('licence', root, { transport })('https://example.invalid/');
    expect(transport).toHaveBeenCalledTimes(1);
  });
});

describe('the process-wide guard in an air-gapped workspace', () => {
  test.each(REFUSED_HOSTS)('plain fetch to %s is refused before undici, DNS or a socket', async (host) => {
    const err = await fetch(`http://${host}/path`).catch((e: unknown) => e);
    expect(isEgressRefused(err)).toBe(true);
    expect((err as EgressRefused).purpose).toBe('unattributed');
    const last = egressLines(airGapped).at(-1)!;
    expect(last).toMatchObject({ via: 'fetch', host, decision: 'refused', purpose: 'unattributed' });
  });

  test.each(REFUSED_HOSTS)('http.get and https.request to %s fail with the refusal', async (host) => {
    const req1 = http.get(`http://${host}/x`);
    expect(isEgressRefused(await errorEvent(req1))).toBe(true);
    const req2 = https.request({ host, port: 443, path: '/y', method: 'POST' });
    req2.end('body');
    expect(isEgressRefused(await errorEvent(req2))).toBe(true);
  });

  test.each(REFUSED_HOSTS)('net.connect, net.createConnection, new Socket().connect and tls.connect to %s are refused', async (host) => {
    expect(isEgressRefused(await errorEvent(net.connect(80, host)))).toBe(true);
    expect(isEgressRefused(await errorEvent(net.createConnection({ host, port: 25 })))).toBe(true);
    expect(isEgressRefused(await errorEvent(new net.Socket().connect({ host, port: 22 })))).toBe(true);
    expect(isEgressRefused(await errorEvent(tls.connect({ host, port: 443, servername: host })))).toBe(true);
  });

  test('dns.lookup, dns.promises.lookup and dns.resolve4 are refused without a query', async () => {
    const e1 = await new Promise<Error | null>((r) => dns.lookup('example.invalid', (err) => r(err)));
    expect(isEgressRefused(e1)).toBe(true);
    await expect(dns.promises.lookup('example.invalid')).rejects.toBeInstanceOf(EgressRefused);
    const e3 = await new Promise<Error | null>((r) => dns.resolve4('example.invalid', (err) => r(err)));
    expect(isEgressRefused(e3)).toBe(true);
    // A DNS query goes to the configured name servers, so even `localhost` is not queried that way.
    await expect(new dns.promises.Resolver().resolve4('localhost')).rejects.toBeInstanceOf(EgressRefused);
  });

  test('`localhost` with a lookup that answers a non-loopback address is refused before connecting', async () => {
    const evilLookup = jest.fn((_h: string, _o: unknown, cb: (e: Error | null, a: string, f: number) => void) => cb(null, '203.0.113.1', 4));
    const sock = net.connect({ host: 'localhost', port: 443, lookup: evilLookup as unknown as net.LookupFunction });
    expect(isEgressRefused(await errorEvent(sock))).toBe(true);
    expect(evilLookup).toHaveBeenCalled();
    expect(sock.remoteAddress).toBeUndefined();
    // The positional form too.
    const req = http.get({ host: 'localhost', port: 80, path: '/', lookup: evilLookup as unknown as net.LookupFunction });
    expect(isEgressRefused(await errorEvent(req))).toBe(true);
  });

  test('a UDP datagram to a non-loopback address is refused', () => {
    const sock = dgram.createSocket('udp4');
    try {
      expect(() => sock.send(Buffer.from('q'), 53, '203.0.113.1')).toThrow(EgressRefused);
    } finally {
      sock.close();
    }
  });

  test('loopback connections of every kind still work and are logged', async () => {
    const srv = await loopbackServer((_req, _body, res) => res.end('pong'));
    try {
      expect(await (await fetch(`${srv.url}/a`)).text()).toBe('pong');
      const viaHttp = await new Promise<string>((resolve, reject) => {
        http.get(`http://localhost:${srv.port}/b`, (res) => {
          let s = '';
          res.on('data', (c) => (s += c));
          res.on('end', () => resolve(s));
        }).on('error', reject);
      });
      expect(viaHttp).toBe('pong');
    } finally {
      await srv.close();
    }
    await waitFor(() => ['127.0.0.1', 'localhost'].every((h) => egressLines(airGapped).some((l) => l.decision === 'allowed' && l.host === h)), 'both loopback connections to be logged');
    const allowed = egressLines(airGapped).filter((l) => l.decision === 'allowed');
    expect(allowed.map((l) => l.host)).toEqual(expect.arrayContaining(['127.0.0.1', 'localhost']));
  });

  test('withEgressPurpose attributes the connections a library opens itself', async () => {
    const err = await withEgressPurpose('mcp', airGapped, () => fetch('https://mcp.example.invalid/sse')).catch((e: unknown) => e);
    expect((err as EgressRefused).purpose).toBe('mcp');
  });
});

describe('the Anthropic SDK under the guard', () => {
  test('pointed at a non-loopback baseURL in air-gapped mode: refused, nothing sent', async () => {
    const client = new Anthropic({ apiKey: 'test-key-not-a-secret', baseURL: 'https://203.0.113.1', maxRetries: 0 });
    const err = await client.messages.create({ model: 'claude-test', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    const refused = findEgressRefused(err);
    expect(refused).toBeDefined();
    expect(refused!.host).toBe('203.0.113.1');
    expect(refused!.mode).toBe('air-gapped');
  });

  test('given egressFetch as its fetch: refused with purpose model', async () => {
    const root = workspace('air-gapped');
    const client = new Anthropic({ apiKey: 'test-key-not-a-secret', baseURL: 'https://api.example.invalid', maxRetries: 0, fetch: egressFetch('model', root) });
    const err = await client.messages.create({ model: 'claude-test', max_tokens: 16, messages: [{ role: 'user', content: 'secret prompt text' }] }).catch((e: unknown) => e);
    expect(findEgressRefused(err)?.purpose).toBe('model');
    expect(egressLines(root)).toEqual([expect.objectContaining({ purpose: 'model', host: 'api.example.invalid', port: 443, decision: 'refused' })]);
    expect(JSON.stringify(egressLines(root))).not.toContain('secret prompt');
  });

  test('pointed at a loopback Messages API server in air-gapped mode: works', async () => {
    const root = workspace('air-gapped');
    const srv = await loopbackServer((_req, _body, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'msg_test', type: 'message', role: 'assistant', model: 'claude-test', stop_reason: 'end_turn', stop_sequence: null,
          content: [{ type: 'text', text: 'hello from the local gateway' }], usage: { input_tokens: 3, output_tokens: 5 },
        }),
      );
    });
    try {
      const client = new Anthropic({ apiKey: 'test-key-not-a-secret', baseURL: srv.url, maxRetries: 0, fetch: egressFetch('model', root) });
      const msg = await client.messages.create({ model: 'claude-test', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
      expect(msg.content[0]).toMatchObject({ type: 'text', text: 'hello from the local gateway' });
      expect(srv.requests).toHaveLength(1);
      expect(srv.requests[0]!.url).toBe('/v1/messages');
    } finally {
      await srv.close();
    }
    await waitFor(() => egressLines(root).length > 0, 'the connection to be logged');
    expect(egressLines(root)).toEqual([expect.objectContaining({ purpose: 'model', host: '127.0.0.1', port: srv.port, decision: 'allowed' })]);
  });
});

describe('the guard in a standard workspace', () => {
  test('leaves connections alone and logs them as unattributed', async () => {
    const root = workspace('standard');
    installProcessGuard(root);
    const srv = await loopbackServer((_req, _body, res) => res.end('ok'));
    try {
      expect(await (await fetch(`${srv.url}/`)).text()).toBe('ok');
    } finally {
      await srv.close();
    }
    await waitFor(() => egressLines(root).length > 0, 'the connection to be logged');
    expect(egressLines(root)).toEqual([expect.objectContaining({ purpose: 'unattributed', decision: 'allowed', mode: 'standard' })]);
  });

  test('installProcessGuard is idempotent: installed again, one connection is still one log line', async () => {
    const root = workspace('standard');
    for (let i = 0; i < 3; i++) installProcessGuard(root);
    const srv = await loopbackServer((_req, _body, res) => res.end('ok'));
    try {
      // A guard wrapped twice would track (and log) each connection twice.
      await new Promise<void>((resolve, reject) => {
        const sock = net.connect(srv.port, '127.0.0.1', () => sock.end());
        sock.on('error', reject);
        sock.on('close', () => resolve());
      });
    } finally {
      await srv.close();
    }
    await waitFor(() => egressLines(root).length > 0, 'the connection to be logged');
    await new Promise((r) => setImmediate(r));
    expect(egressLines(root)).toEqual([expect.objectContaining({ via: 'socket', host: '127.0.0.1', port: srv.port, decision: 'allowed' })]);
    // A refusal is one line too.
    installProcessGuard(airGapped);
    const before = egressLines(airGapped).length;
    expect(isEgressRefused(await errorEvent(net.connect(80, '203.0.113.1')))).toBe(true);
    expect(egressLines(airGapped).slice(before)).toEqual([expect.objectContaining({ via: 'socket', host: '203.0.113.1', decision: 'refused' })]);
  });
});
