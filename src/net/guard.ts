import dns from 'node:dns';
import net, { isIP } from 'node:net';
import { appendEgressLog, type EgressLogLine } from './egress-log.js';
import { egressContext, guardState, type EgressPurpose } from './context.js';
import { isLoopbackHost, normalizeHost } from './hosts.js';
import { decideEgress, residencyMode } from './policy.js';
import { EgressRefused } from './refused.js';
import { installUdpGuard } from './udp-guard.js';

/**
 * The process-wide egress guard. It wraps the few places every outbound
 * connection of a Node process passes through, so a dependency cannot go
 * around it by using its own HTTP client:
 *
 * - net.Socket.prototype.connect: net.connect/createConnection, tls.connect,
 *   http(s).request through any Agent, http2, and undici (the engine of
 *   global fetch) all open their TCP connection here;
 * - dns.lookup / dns.promises.lookup and the dns.resolve* family (callback,
 *   promise and Resolver forms): no name is looked up for a refused host;
 * - dgram sockets (every send/connect form, custom lookups, connected
 *   sockets, multicast joins; udp-guard.ts): UDP, e.g. a hand-rolled DNS client;
 * - globalThis.fetch: refused before undici starts, with a clear error;
 * - process.binding for the raw socket bindings.
 *
 * The decision is made from the host name as written, before any DNS lookup
 * or socket, so nothing leaves the machine for a refused destination.
 */

type LogPurpose = EgressPurpose | 'unattributed';

interface Attribution {
  purpose: LogPurpose;
  root: string;
}

function attribution(): Attribution | undefined {
  const ctx = egressContext.getStore();
  if (ctx) return ctx;
  return guardState.root ? { purpose: 'unattributed', root: guardState.root } : undefined;
}

function logLine(a: Attribution, via: EgressLogLine['via'], host: string, port: number | null, decision: 'allowed' | 'refused', mode: string, sent = 0, received = 0): void {
  appendEgressLog(a.root, {
    time: new Date().toISOString(),
    purpose: a.purpose,
    via,
    host: normalizeHost(host),
    port: port !== null && Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null,
    decision,
    mode,
    bytesSent: sent,
    bytesReceived: received,
  });
}

/** Decides for a host; on refusal logs it and returns the error to raise. */
function refusalFor(host: string, port: number | null, via: EgressLogLine['via'], evenLoopback = false): EgressRefused | undefined {
  const a = attribution();
  if (!a) return undefined;
  const d = decideEgress(a.root, host);
  if (d.allowed && !(evenLoopback && d.mode !== 'standard')) return undefined;
  logLine(a, via, host, port, 'refused', d.mode);
  return new EgressRefused(normalizeHost(host), a.purpose, d.mode, d.problem);
}

function currentModeIsStandard(): boolean {
  const a = attribution();
  return !a || residencyMode(a.root).mode === 'standard';
}

// ---------------------------------------------------------------- sockets

interface OpenConnection {
  a: Attribution;
  host: string;
  port: number | null;
  mode: string;
  socket: net.Socket;
  logged: boolean;
}

const open = new Set<OpenConnection>();

function finish(c: OpenConnection): void {
  if (c.logged) return;
  c.logged = true;
  open.delete(c);
  logLine(c.a, 'socket', c.host, c.port, 'allowed', c.mode, c.socket.bytesWritten ?? 0, c.socket.bytesRead ?? 0);
}

/** Connections still open when the process exits are logged with the bytes counted so far. */
function flushOpen(): void {
  for (const c of [...open]) finish(c);
}

type Target = { ipc: true } | { ipc: false; host: string; port: number | null };

/** Reads the destination from any of Socket#connect's call forms (net.connect passes its normalized [options, cb] array). */
function connectTarget(args: unknown[]): Target {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === 'object') {
    const o = first as { path?: unknown; host?: unknown; port?: unknown };
    if (typeof o.path === 'string' && o.path !== '') return { ipc: true };
    const port = Number(o.port);
    return { ipc: false, host: typeof o.host === 'string' && o.host !== '' ? o.host : 'localhost', port: Number.isFinite(port) ? port : null };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { ipc: false, host: typeof args[1] === 'string' && args[1] !== '' ? args[1] : 'localhost', port: Number(first) };
  }
  if (typeof first === 'string') return { ipc: true };
  return { ipc: false, host: 'localhost', port: null };
}

// ---------------------------------------------------------------- install

interface Originals {
  connect: typeof net.Socket.prototype.connect;
  lookup: typeof dns.lookup;
  promisesLookup: typeof dns.promises.lookup;
  lookupService: typeof dns.lookupService;
  dnsFns: Map<object, Map<string, unknown>>;
  removeUdp?: () => void;
  binding: unknown;
  fetch?: typeof fetch;
  exitHandler: () => void;
}

let originals: Originals | undefined;

const RESOLVE_FNS = [
  'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr',
  'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
] as const;

const RAW_BINDINGS = new Set(['tcp_wrap', 'udp_wrap', 'cares_wrap', 'tls_wrap', 'js_udp_wrap']);

/**
 * Installs the guard for this process (idempotent: the wrappers go in once).
 * `root` is the workspace whose `.mso/workspace.json` decides connections
 * made outside egressFetch; a later call moves it to another root.
 */
export function installProcessGuard(root: string): void {
  guardState.root = root;
  if (originals) return;

  const o: Originals = {
    connect: net.Socket.prototype.connect,
    lookup: dns.lookup,
    promisesLookup: dns.promises.lookup,
    lookupService: dns.lookupService,
    dnsFns: new Map(),
    binding: (process as unknown as { binding?: unknown }).binding,
    fetch: typeof globalThis.fetch === 'function' ? globalThis.fetch : undefined,
    exitHandler: flushOpen,
  };
  originals = o;
  guardState.installed = true;
  guardState.originalFetch = o.fetch;

  // TCP (and everything built on it).
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const t = connectTarget(args);
    if (t.ipc) return (o.connect as (...a: unknown[]) => net.Socket).apply(this, args);
    const refused = refusalFor(t.host, t.port, 'socket');
    if (refused) {
      // Fail the socket the way a failed connect does: callers that listen for 'error' get the refusal.
      process.nextTick(() => this.destroy(refused));
      return this;
    }
    const a = attribution();
    const mode = a ? residencyMode(a.root).mode : 'standard';
    if (a) {
      const c: OpenConnection = { a, host: t.host, port: t.port, mode, socket: this, logged: false };
      open.add(c);
      this.once('close', () => finish(c));
    }
    // A name allowed as loopback (`localhost`) must also resolve to loopback, whatever lookup the caller passed.
    if (mode !== 'standard' && isIP(normalizeHost(t.host)) === 0) args = withLoopbackOnlyLookup(args, t.host);
    return (o.connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  /** Rewrites connect arguments so that the name is resolved by a lookup whose answers must be loopback. */
  function withLoopbackOnlyLookup(args: unknown[], host: string): unknown[] {
    const normalized = Array.isArray(args[0]);
    const first = normalized ? (args[0] as unknown[])[0] : args[0];
    let options: Record<string, unknown>;
    let rest: unknown[];
    if (first && typeof first === 'object') {
      options = { ...(first as Record<string, unknown>) };
      rest = normalized ? (args[0] as unknown[]).slice(1) : args.slice(1);
    } else {
      // connect(port[, host][, cb])
      options = { port: Number(first), host };
      rest = args.slice(typeof args[1] === 'string' ? 2 : 1);
    }
    const inner = (typeof options.lookup === 'function' ? options.lookup : o.lookup) as (...a: unknown[]) => unknown;
    options.lookup = function loopbackOnlyLookup(hostname: string, opts: unknown, cb: (err: Error | null, ...r: unknown[]) => void) {
      if (typeof opts === 'function') {
        cb = opts as typeof cb;
        opts = {};
      }
      inner(hostname, opts, (err: Error | null, address: unknown, family?: unknown) => {
        if (!err && !answerIsLoopback(address)) return cb(refusalFor(hostname, null, 'dns', true) ?? new EgressRefused(hostname, 'unattributed', 'air-gapped'));
        cb(err, address, family);
      });
    };
    const cb = rest.find((x) => typeof x === 'function');
    return cb ? [options, cb] : [options];
  }

  // DNS: getaddrinfo. For `localhost` in a guarded mode, the answer must be loopback too.
  dns.lookup = function guardedLookup(this: unknown, hostname: string, ...rest: unknown[]) {
    const cb = rest[rest.length - 1] as ((err: Error | null, ...r: unknown[]) => void) | undefined;
    const refused = refusalFor(String(hostname), null, 'dns');
    if (refused) {
      if (typeof cb === 'function') process.nextTick(() => cb(refused));
      return {} as unknown as ReturnType<typeof dns.lookup>;
    }
    if (typeof cb === 'function' && !currentModeIsStandard()) {
      rest[rest.length - 1] = (err: Error | null, address: unknown, family?: unknown) => {
        // /etc/hosts could map localhost elsewhere: an answer that is not loopback is refused too.
        if (!err && !answerIsLoopback(address)) return cb(refusalFor(hostname, null, 'dns', true) ?? null);
        return cb(err, address, family);
      };
    }
    return (o.lookup as (...a: unknown[]) => ReturnType<typeof dns.lookup>).call(this, hostname, ...rest);
  } as typeof dns.lookup;

  dns.promises.lookup = async function guardedPromisesLookup(hostname: string, options?: unknown) {
    const refused = refusalFor(String(hostname), null, 'dns');
    if (refused) throw refused;
    const r = await (o.promisesLookup as (h: string, opts?: unknown) => Promise<unknown>)(hostname, options);
    if (!currentModeIsStandard() && !answerIsLoopback(r)) throw refusalFor(hostname, null, 'dns', true);
    return r;
  } as typeof dns.promises.lookup;

  dns.lookupService = function guardedLookupService(this: unknown, address: string, port: number, cb: (...r: unknown[]) => void) {
    const refused = refusalFor(String(address), port, 'dns');
    if (refused) {
      process.nextTick(() => cb(refused));
      return {} as unknown as ReturnType<typeof dns.lookupService>;
    }
    return (o.lookupService as (...a: unknown[]) => ReturnType<typeof dns.lookupService>).call(this, address, port, cb);
  } as typeof dns.lookupService;

  // DNS: c-ares queries talk to the configured name servers directly, so a guarded mode refuses them all.
  const resolveTargets: object[] = [dns, dns.Resolver.prototype, dns.promises, dns.promises.Resolver.prototype];
  for (const target of resolveTargets) {
    const saved = new Map<string, unknown>();
    o.dnsFns.set(target, saved);
    const promiseStyle = target === dns.promises || target === dns.promises.Resolver.prototype;
    for (const name of RESOLVE_FNS) {
      const fn = (target as Record<string, unknown>)[name];
      if (typeof fn !== 'function') continue;
      saved.set(name, fn);
      (target as Record<string, unknown>)[name] = function guardedResolve(this: unknown, ...args: unknown[]) {
        const host = String(args[0]);
        const refused = refusalFor(host, null, 'dns', true);
        if (refused) {
          if (promiseStyle) return Promise.reject(refused);
          const cb = args[args.length - 1];
          if (typeof cb === 'function') process.nextTick(() => (cb as (e: Error) => void)(refused));
          return undefined;
        }
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  }

  // UDP: every send/connect form, custom lookups, connected sockets (udp-guard.ts).
  o.removeUdp = installUdpGuard({
    refuseNamed: (host, port) => refusalFor(host, port, 'udp'),
    refuseAddress: (address, port) => {
      if (currentModeIsStandard() || isLoopbackHost(address)) return undefined;
      return refusalFor(address, port, 'udp', true) ?? new EgressRefused(normalizeHost(address), 'unattributed', 'air-gapped');
    },
    standard: currentModeIsStandard,
    uninspectable: () => new EgressRefused('a UDP socket the guard cannot inspect', attribution()?.purpose ?? 'unattributed', 'air-gapped'),
  });

  // Raw socket bindings (deprecated process.binding): no way around the wrappers above in a guarded mode.
  if (typeof o.binding === 'function') {
    const binding = o.binding as (name: string) => unknown;
    (process as unknown as { binding: unknown }).binding = function guardedBinding(name: string) {
      if (RAW_BINDINGS.has(name) && !currentModeIsStandard()) {
        throw new EgressRefused(`process.binding('${name}')`, attribution()?.purpose ?? 'unattributed', 'air-gapped');
      }
      return binding.call(process, name);
    };
  }

  // fetch: refuse before undici starts (its connections would also be caught at the socket).
  if (o.fetch) {
    const base = o.fetch;
    globalThis.fetch = function guardedFetch(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) {
      const url = urlOf(input);
      if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
        const refused = refusalFor(url.hostname, portOf(url), 'fetch');
        if (refused) return Promise.reject(refused);
      }
      return base(input, init);
    } as typeof fetch;
  }

  process.on('exit', o.exitHandler);
}

function answerIsLoopback(answer: unknown): boolean {
  const list = Array.isArray(answer) ? answer : [answer];
  return list.every((x) => {
    const addr = typeof x === 'string' ? x : (x as { address?: unknown })?.address;
    return typeof addr === 'string' && isLoopbackHost(addr);
  });
}

export function urlOf(input: unknown): URL | undefined {
  try {
    if (typeof input === 'string') return new URL(input);
    if (input instanceof URL) return input;
    if (input && typeof (input as { url?: unknown }).url === 'string') return new URL((input as { url: string }).url);
  } catch {
    return undefined;
  }
  return undefined;
}

export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * Test-only: puts back every original function. The core modules are shared
 * by all test files of a jest worker, so a test that installs the guard
 * removes it when it is done. mso itself never calls this.
 */
export function _removeProcessGuardForTests(): void {
  const o = originals;
  if (!o) return;
  flushOpen();
  net.Socket.prototype.connect = o.connect;
  dns.lookup = o.lookup;
  dns.promises.lookup = o.promisesLookup;
  dns.lookupService = o.lookupService;
  for (const [target, saved] of o.dnsFns) for (const [name, fn] of saved) (target as Record<string, unknown>)[name] = fn;
  o.removeUdp?.();
  if (typeof o.binding === 'function') (process as unknown as { binding: unknown }).binding = o.binding;
  if (o.fetch) globalThis.fetch = o.fetch;
  process.off('exit', o.exitHandler);
  originals = undefined;
  guardState.installed = false;
  guardState.root = undefined;
  guardState.originalFetch = undefined;
}
