import dgram from 'node:dgram';
import { isIP } from 'node:net';
import { constants } from 'node:os';

/**
 * The UDP part of the process-wide egress guard (installed by guard.ts).
 *
 * dgram has many call forms — send(msg, port, host), send(msg, offset,
 * length, port, host), arrays of buffers, a callback in any position, a
 * connected socket's send(msg), a socket created with its own `lookup` that
 * may answer anything even for an IP literal — so reading the destination
 * from the arguments alone cannot be trusted. The guard checks two places:
 *
 * 1. the call itself (send/connect/addMembership): a destination named in
 *    the arguments is decided before anything happens, and a refusal throws;
 * 2. the socket's own handle, the last step before the kernel: the answer of
 *    its lookup (custom or not; bind lookups excepted) must be allowed, and
 *    handle.send / handle.connect refuse a non-allowed address as the last
 *    line. A refusal there goes to the send callback, or to the socket's
 *    'error' event, the way a failed send does.
 *
 * Where the handle cannot be reached (a Node version whose internals
 * differ), a guarded mode refuses the call: fail closed.
 */

export interface UdpGuardDeps {
  /** The refusal for a destination named in a call (logs it), or undefined when allowed. */
  refuseNamed(host: string, port: number | null): Error | undefined;
  /** The refusal for an address a lookup answered or the kernel would use (logs it), or undefined when allowed. */
  refuseAddress(address: string, port: number | null): Error | undefined;
  /** True when the current mode lets everything through (nothing to check). */
  standard(): boolean;
  /** The error for a socket the guard cannot inspect in a guarded mode. */
  uninspectable(): Error;
}

interface Originals {
  send: typeof dgram.Socket.prototype.send;
  connect: typeof dgram.Socket.prototype.connect;
  addMembership: typeof dgram.Socket.prototype.addMembership;
  addSourceSpecificMembership: typeof dgram.Socket.prototype.addSourceSpecificMembership;
}

type Fn = (...a: unknown[]) => unknown;

interface Handle {
  lookup: Fn;
  send: Fn;
  connect: Fn;
}
interface SocketState {
  handle: Handle | null;
  bindState: number;
}

const BIND_STATE_BINDING = 1; // lib/internal/dgram.js: UNBOUND 0, BINDING 1, BOUND 2
const UV_EACCES = -constants.errno.EACCES;
const guardedHandles = new WeakSet<object>();

function socketState(socket: dgram.Socket): SocketState | undefined {
  const sym = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  const state = sym ? (socket as unknown as Record<symbol, unknown>)[sym] : undefined;
  if (!state || typeof state !== 'object' || !('handle' in state) || !('bindState' in state)) return undefined;
  return state as SocketState;
}

function peer(socket: dgram.Socket): { address: string; port: number } | undefined {
  try {
    return socket.remoteAddress();
  } catch {
    return undefined; // not connected
  }
}

/** Wraps the socket's handle once. False when the socket cannot be inspected (unknown internals). */
function guardHandle(socket: dgram.Socket, deps: UdpGuardDeps): boolean {
  const state = socketState(socket);
  if (!state) return false;
  const handle = state.handle;
  if (!handle) return true; // closed: the original call fails on its own
  if (guardedHandles.has(handle)) return true;
  const { lookup, send, connect } = handle;
  if (typeof lookup !== 'function' || typeof send !== 'function' || typeof connect !== 'function') return false;

  handle.lookup = function guardedUdpLookup(this: unknown, address: unknown, callback: unknown) {
    if (typeof callback !== 'function') return lookup.call(this, address, callback);
    if (state.bindState === BIND_STATE_BINDING && !deps.standard()) {
      // A bind resolves the local address, which is not egress: an address literal (the
      // implicit 0.0.0.0 / :: of a first send) needs no lookup, and the guarded dns.lookup
      // would refuse it as a destination.
      const family = isIP(String(address));
      if (family) return process.nextTick(callback as Fn, null, String(address), family);
      return lookup.call(this, address, callback);
    }
    const cb = callback as (err: Error | null, ...r: unknown[]) => void;
    return lookup.call(this, address, (err: Error | null, ip: unknown, ...rest: unknown[]) => {
      if (!err) {
        const refused = deps.refuseAddress(String(ip), null);
        if (refused) return cb(refused);
      }
      return cb(err, ip, ...rest);
    });
  };

  handle.send = function guardedHandleSend(this: unknown, req: unknown, list: unknown, count: unknown, ...rest: unknown[]) {
    // (req, list, n, port, ip, hasCallback) unconnected; (req, list, n, hasCallback) connected.
    const target = rest.length >= 3 ? { address: String(rest[1]), port: Number(rest[0]) } : peer(socket);
    const refused = target ? deps.refuseAddress(target.address, target.port) : deps.standard() ? undefined : deps.uninspectable();
    if (refused) {
      const cb = (req as { callback?: unknown } | null)?.callback;
      if (typeof cb === 'function') process.nextTick(cb as Fn, refused);
      else process.nextTick(() => socket.emit('error', refused));
      return 0;
    }
    return send.call(this, req, list, count, ...rest);
  };

  handle.connect = function guardedHandleConnect(this: unknown, ip: unknown, port: unknown, ...rest: unknown[]) {
    if (deps.refuseAddress(String(ip), Number(port))) return UV_EACCES;
    return connect.call(this, ip, port, ...rest);
  };

  guardedHandles.add(handle);
  return true;
}

/** The destination a send names, read the way dgram reads it; undefined when none is named (connected, or the default address). */
function sendTarget(socket: dgram.Socket, args: unknown[]): { host: string; port: number | null } | undefined {
  if (peer(socket)) return undefined;
  let [, offset, length, port, address] = args;
  if (!(address || (port && typeof port !== 'function'))) {
    port = offset;
    address = length;
  }
  if (typeof address !== 'string' || address === '') return undefined;
  const p = Number(port);
  return { host: address, port: Number.isInteger(p) ? p : null };
}

export function installUdpGuard(deps: UdpGuardDeps): () => void {
  const proto = dgram.Socket.prototype;
  const o: Originals = {
    send: proto.send,
    connect: proto.connect,
    addMembership: proto.addMembership,
    addSourceSpecificMembership: proto.addSourceSpecificMembership,
  };

  const prepare = (socket: dgram.Socket, named: { host: string; port: number | null } | undefined) => {
    if (named) {
      const refused = deps.refuseNamed(named.host, named.port);
      if (refused) throw refused;
    }
    if (!guardHandle(socket, deps) && !deps.standard()) throw deps.uninspectable();
  };

  proto.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
    prepare(this, sendTarget(this, args));
    return (o.send as Fn).apply(this, args);
  } as typeof proto.send;

  proto.connect = function guardedUdpConnect(this: dgram.Socket, ...args: unknown[]) {
    const port = Number(args[0]);
    const host = typeof args[1] === 'string' && args[1] !== '' ? args[1] : undefined;
    prepare(this, host === undefined ? undefined : { host, port: Number.isInteger(port) ? port : null });
    return (o.connect as Fn).apply(this, args);
  } as typeof proto.connect;

  // Joining a multicast group sends IGMP/MLD reports onto the network.
  proto.addMembership = function guardedAddMembership(this: dgram.Socket, group: string, ...rest: unknown[]) {
    prepare(this, { host: String(group), port: null });
    return (o.addMembership as Fn).call(this, group, ...rest);
  } as typeof proto.addMembership;

  proto.addSourceSpecificMembership = function guardedAddSourceSpecificMembership(this: dgram.Socket, source: string, group: string, ...rest: unknown[]) {
    prepare(this, { host: String(group), port: null });
    return (o.addSourceSpecificMembership as Fn).call(this, source, group, ...rest);
  } as typeof proto.addSourceSpecificMembership;

  return () => {
    proto.send = o.send;
    proto.connect = o.connect;
    proto.addMembership = o.addMembership;
    proto.addSourceSpecificMembership = o.addSourceSpecificMembership;
  };
}
