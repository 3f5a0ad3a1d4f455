import dgram from 'node:dgram';
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { isLoopbackHost } from '../../src/net/hosts.js';
import { EgressRefused, installProcessGuard, isEgressRefused } from '../../src/net/egress.js';
import { _removeProcessGuardForTests } from '../../src/net/guard.js';
import { egressLines, workspace } from './workspace.js';

/**
 * Every dgram call form in an air-gapped workspace. The transport is
 * injected: each socket's handle.send / handle.connect (the last step before
 * the kernel) is replaced, before the guard sees the socket, by a recorder
 * that passes loopback through and records anything else as a leak without
 * sending it. So a broken guard fails these tests instead of sending.
 * Refused targets: 203.0.113.1 (TEST-NET-3), 2001:db8::1 (documentation),
 * example.invalid (RFC 2606).
 */

type Fn = (...a: unknown[]) => unknown;
const leaks: string[] = [];

function handleOf(sock: dgram.Socket): Record<string, Fn> {
  const sym = Object.getOwnPropertySymbols(sock).find((s) => s.description === 'state symbol')!;
  return (sock as unknown as Record<symbol, { handle: Record<string, Fn> }>)[sym]!.handle;
}

/** A socket whose transport records non-loopback destinations instead of sending to them. */
function socket(opts: dgram.SocketOptions | 'udp4' | 'udp6' = 'udp4'): dgram.Socket {
  const sock = typeof opts === 'string' ? dgram.createSocket(opts) : dgram.createSocket(opts);
  const handle = handleOf(sock);
  const realSend = handle.send!;
  const realConnect = handle.connect!;
  handle.send = function (this: unknown, req: unknown, list: unknown, n: unknown, ...rest: unknown[]) {
    if (rest.length >= 3 && !isLoopbackHost(String(rest[1]))) {
      leaks.push(`send ${String(rest[1])}:${String(rest[0])}`);
      return 0;
    }
    return realSend.call(this, req, list, n, ...rest);
  };
  handle.connect = function (this: unknown, ip: unknown, port: unknown, ...rest: unknown[]) {
    if (!isLoopbackHost(String(ip))) {
      leaks.push(`connect ${String(ip)}:${String(port)}`);
      return 0;
    }
    return realConnect.call(this, ip, port, ...rest);
  };
  opened.push(sock);
  return sock;
}

const opened: dgram.Socket[] = [];
let root: string;

/** A lookup that answers a non-loopback address whatever it is asked (also for an IP literal or localhost). */
const evilLookup = ((_h: string, opts: unknown, cb?: (e: Error | null, a: string, f: number) => void) => {
  const done = (typeof opts === 'function' ? opts : cb) as (e: Error | null, a: string, f: number) => void;
  done(null, '203.0.113.1', 4);
}) as unknown as dgram.SocketOptions['lookup'];

const buf = Buffer.from('hello');

function callbackError(start: (cb: (err: Error | null) => void) => void): Promise<Error | null> {
  return new Promise((resolve) => start((err) => resolve(err)));
}
function errorEvent(sock: dgram.Socket): Promise<Error> {
  return new Promise((resolve) => sock.once('error', resolve));
}

/** A loopback UDP server that collects what it receives. */
async function loopbackServer(type: 'udp4' | 'udp6' = 'udp4'): Promise<{ port: number; got: string[]; next: () => Promise<string> }> {
  const srv = dgram.createSocket(type);
  opened.push(srv);
  const got: string[] = [];
  const waiters: Array<(m: string) => void> = [];
  srv.on('message', (m) => {
    const text = m.toString('utf8');
    got.push(text);
    waiters.shift()?.(text);
  });
  await new Promise<void>((r) => srv.bind(0, type === 'udp4' ? '127.0.0.1' : '::1', () => r()));
  return { port: srv.address().port, got, next: () => new Promise((r) => waiters.push(r)) };
}

beforeEach(() => {
  root = workspace('air-gapped');
  installProcessGuard(root);
  leaks.length = 0;
});

afterEach(() => {
  for (const s of opened.splice(0)) {
    try {
      s.close();
    } catch {
      /* already closed */
    }
  }
  expect(leaks).toEqual([]);
});

afterAll(() => _removeProcessGuardForTests());

const refusedUdpLines = () => egressLines(root).filter((l) => l.via === 'udp' && l.decision === 'refused');

describe('dgram send: every overload naming a non-loopback destination is refused before anything is sent', () => {
  const forms: Array<[string, (s: dgram.Socket, host: string) => void]> = [
    ['send(msg, port, host)', (s, h) => s.send(buf, 53, h)],
    ['send(msg, port, host, cb)', (s, h) => s.send(buf, 53, h, () => undefined)],
    ['send(msg, offset, length, port, host)', (s, h) => s.send(buf, 0, 3, 53, h)],
    ['send(msg, offset, length, port, host, cb)', (s, h) => s.send(buf, 1, 2, 53, h, () => undefined)],
    ['send(msg, offset 0, length 0, port, host)', (s, h) => s.send(buf, 0, 0, 53, h)],
    ['send([buf, buf], port, host)', (s, h) => s.send([buf, Buffer.from('x')], 53, h)],
    ['send(string, port, host)', (s, h) => s.send('text', 53, h)],
    ['send(Uint8Array, port as string, host)', (s, h) => (s.send as Fn)(new Uint8Array([1, 2]), '53', h)],
  ];
  test.each(forms)('%s', (_name, call) => {
    for (const host of ['203.0.113.1', 'example.invalid', '::ffff:203.0.113.1']) {
      const sock = socket(host.includes(':') ? 'udp6' : 'udp4');
      expect(() => call(sock, host)).toThrow(EgressRefused);
    }
    const lines = refusedUdpLines();
    expect(lines.map((l) => l.host)).toEqual(['203.0.113.1', 'example.invalid', '::ffff:203.0.113.1']);
    expect(lines.every((l) => l.port === 53)).toBe(true);
  });

  test('IPv6 destinations on a udp6 socket', () => {
    for (const host of ['2001:db8::1', '[2001:db8::1]', 'fe80::1%lo', '::']) {
      expect(() => socket('udp6').send(buf, 53, host)).toThrow(EgressRefused);
    }
  });

  test('joining a multicast group (which sends a membership report) is refused', () => {
    const sock = socket({ type: 'udp4', reuseAddr: true });
    expect(() => sock.addMembership('239.1.2.3')).toThrow(EgressRefused);
    expect(() => sock.addSourceSpecificMembership('203.0.113.1', '232.1.2.3')).toThrow(EgressRefused);
  });
});

describe('a socket with its own lookup cannot turn an allowed name into a non-loopback address', () => {
  test.each([
    ['localhost', 'send(msg, offset, length, port, host, cb)', (s: dgram.Socket, cb: (e: Error | null) => void) => s.send(buf, 0, buf.length, 5353, 'localhost', cb)],
    ['127.0.0.1', 'send(msg, offset, length, port, host, cb)', (s: dgram.Socket, cb: (e: Error | null) => void) => s.send(buf, 0, buf.length, 5353, '127.0.0.1', cb)],
    ['localhost', 'send(msg, port, host, cb)', (s: dgram.Socket, cb: (e: Error | null) => void) => s.send(buf, 5353, 'localhost', cb)],
    ['(default)', 'send(msg, port, cb)', (s: dgram.Socket, cb: (e: Error | null) => void) => s.send(buf, 5353, cb)],
    ['(default)', 'send([msgs], port, cb)', (s: dgram.Socket, cb: (e: Error | null) => void) => s.send([buf, buf], 5353, cb)],
  ])('%s via %s: the callback gets the refusal, and it is logged', async (_host, _form, call) => {
    const sock = socket({ type: 'udp4', lookup: evilLookup });
    const err = await callbackError((cb) => call(sock, cb));
    expect(isEgressRefused(err)).toBe(true);
    expect(refusedUdpLines().map((l) => l.host)).toEqual(['203.0.113.1']);
  });

  test('without a callback, the refusal is the socket\'s error event', async () => {
    const sock = socket({ type: 'udp4', lookup: evilLookup });
    const err = errorEvent(sock);
    sock.send(buf, 0, buf.length, 5353, 'localhost');
    expect(isEgressRefused(await err)).toBe(true);
  });

  test('connect(port, localhost) with such a lookup fails, and a later send(msg) sends nothing', async () => {
    const sock = socket({ type: 'udp4', lookup: evilLookup });
    const err = await callbackError((cb) => sock.connect(5353, 'localhost', cb as () => void));
    expect(err).toBeTruthy();
    expect(refusedUdpLines().map((l) => l.host)).toEqual(['203.0.113.1']);
    expect(() => sock.remoteAddress()).toThrow();
  });
});

describe('connected sockets', () => {
  test('connect() to a non-loopback address is refused up front', () => {
    for (const host of ['203.0.113.1', 'example.invalid', '2001:db8::1']) {
      const sock = socket(host.includes(':') ? 'udp6' : 'udp4');
      expect(() => sock.connect(53, host)).toThrow(EgressRefused);
      expect(() => sock.connect(53, host, () => undefined)).toThrow(EgressRefused);
    }
  });

  test('a socket connected before the workspace became air-gapped cannot send(msg) there', async () => {
    _removeProcessGuardForTests();
    const standard = workspace('standard');
    installProcessGuard(standard);
    const sock = socket('udp4');
    // The injected transport "connects" without contacting anything.
    await new Promise<void>((r) => sock.connect(53, '203.0.113.1', () => r()));
    leaks.length = 0; // allowed in standard mode; nothing was sent
    installProcessGuard(root); // the workspace now air-gapped
    const err = await callbackError((cb) => sock.send(buf, cb));
    expect(isEgressRefused(err)).toBe(true);
    const err2 = await callbackError((cb) => sock.send(buf, 0, 2, cb));
    expect(isEgressRefused(err2)).toBe(true);
  });

  test('a socket created before the guard was installed is still guarded', async () => {
    _removeProcessGuardForTests();
    const sock = socket({ type: 'udp4', lookup: evilLookup });
    installProcessGuard(root);
    expect(() => sock.send(buf, 53, '203.0.113.1')).toThrow(EgressRefused);
    const err = await callbackError((cb) => sock.send(buf, 53, 'localhost', cb));
    expect(isEgressRefused(err)).toBe(true);
  });
});

describe('loopback UDP keeps working in an air-gapped workspace', () => {
  test('every send form reaches a loopback server', async () => {
    const srv = await loopbackServer();
    const sock = socket('udp4');
    let next = srv.next();
    sock.send('a', srv.port, '127.0.0.1');
    expect(await next).toBe('a');
    next = srv.next();
    sock.send(Buffer.from('xbx'), 1, 1, srv.port, 'localhost');
    expect(await next).toBe('b');
    next = srv.next();
    sock.send([Buffer.from('c'), Buffer.from('d')], srv.port, () => undefined);
    expect(await next).toBe('cd');
    expect(refusedUdpLines()).toEqual([]);
  });

  test('a connected loopback socket sends with send(msg) and send(msg, offset, length, cb)', async () => {
    const srv = await loopbackServer();
    const sock = socket('udp4');
    await new Promise<void>((r) => sock.connect(srv.port, 'localhost', () => r()));
    let next = srv.next();
    sock.send('e');
    expect(await next).toBe('e');
    next = srv.next();
    await callbackError((cb) => sock.send(Buffer.from('xfx'), 1, 1, cb));
    expect(await next).toBe('f');
  });

  test('IPv6 loopback', async () => {
    const srv = await loopbackServer('udp6');
    const sock = socket('udp6');
    const next = srv.next();
    const err = await callbackError((cb) => sock.send('g', srv.port, '::1', cb));
    expect(err).toBeNull();
    expect(await next).toBe('g');
  });
});
