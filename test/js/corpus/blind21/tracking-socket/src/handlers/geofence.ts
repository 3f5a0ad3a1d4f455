import vm from 'node:vm';
import type { Socket } from 'socket.io';

export type GeofenceRule = { id: string; name: string; condition: string };
type Ack = (result: unknown) => void;

const ZONE_CODE = /^([A-Z0-9]+-?)+$/;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function evaluateRule(rule: GeofenceRule, pos: Record<string, unknown>) {
  return Boolean(vm.runInNewContext(rule.condition, { ...pos }, { timeout: 50 })); //@vuln CWE-95
}

export function registerGeofenceHandlers(socket: Socket, rules: Map<string, GeofenceRule>) {
  socket.on('geofence:define', (rule: GeofenceRule, ack: Ack) => {
    rules.set(rule.id, rule);
    ack({ ok: true, count: rules.size });
  });

  socket.on('geofence:check', (pos: { vehicleId: string; lat: number; lng: number; speed: number }, ack: Ack) => {
    ack([...rules.values()].filter((rule) => evaluateRule(rule, pos)).map((rule) => rule.id));
  });

  socket.on('zones:filter', (q: { pattern: string; zones: string[] }, ack: Ack) => {
    const re = new RegExp(q.pattern, 'i'); //@vuln CWE-1333
    ack(q.zones.filter((z) => re.test(z)));
  });

  socket.on('zones:prefix', (q: { prefix: string; zones: string[] }, ack: Ack) => {
    const re = new RegExp(`^${escapeRegExp(q.prefix)}`, 'i'); //@safe
    ack(q.zones.filter((z) => re.test(z)));
  });

  socket.on('zones:validate', (code: string, ack: Ack) => {
    ack({ valid: ZONE_CODE.test(code) }); //@vuln CWE-1333
  });
}
