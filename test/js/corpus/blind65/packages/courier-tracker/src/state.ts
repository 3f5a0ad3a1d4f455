export interface CourierState {
  courierId: string;
  zone: string;
  position: { lat: number; lng: number; heading?: number; accuracy?: number };
  vehicle: { type: 'bike' | 'scooter' | 'car'; plate?: string };
  activeOrders: string[];
  prefs: Record<string, unknown>;
  updatedAt: number;
}

const couriers = new Map<string, CourierState>();
const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function courierState(courierId: string): CourierState {
  let state = couriers.get(courierId);
  if (!state) {
    state = {
      courierId,
      zone: 'unassigned',
      position: { lat: 0, lng: 0 },
      vehicle: { type: 'bike' },
      activeOrders: [],
      prefs: {},
      updatedAt: 0,
    };
    couriers.set(courierId, state);
  }
  return state;
}

export function allCouriersInZone(zone: string): CourierState[] {
  return [...couriers.values()].filter((c) => c.zone === zone);
}

function deepMerge(target: any, source: any): any {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value;  //@vuln CWE-1321
    }
  }
  return target;
}

export function applyPositionUpdate(courierId: string, update: Partial<CourierState>) {
  const state = courierState(courierId);
  deepMerge(state, update);
  state.updatedAt = Date.now();
  return state;
}

export function mergePreferences(courierId: string, prefs: Record<string, unknown>) {
  const state = courierState(courierId);
  for (const [key, value] of Object.entries(prefs)) {
    if (BLOCKED_KEYS.has(key)) continue;
    state.prefs[key] = value;  //@safe
  }
  return state.prefs;
}

export type GeofenceCheck = (lat: number, lng: number) => boolean;

// Dispatchers define geofences as expressions, e.g. "lat > 52.51 && lat < 52.54 && lng > 13.37"
export function compileGeofence(expression: string): GeofenceCheck {
  return new Function('lat', 'lng', `return (${expression});`) as GeofenceCheck;  //@vuln CWE-94
}

const GEOFENCE_OPS: Record<string, (a: number, b: number) => boolean> = {
  gt: (a, b) => a > b,
  lt: (a, b) => a < b,
  gte: (a, b) => a >= b,
  lte: (a, b) => a <= b,
};

export interface BoxRule {
  field: 'lat' | 'lng';
  op: keyof typeof GEOFENCE_OPS;
  value: number;
}

export function compileBoxRules(rules: BoxRule[]): GeofenceCheck {
  const checks = rules
    .filter((r) => (r.field === 'lat' || r.field === 'lng') && Object.hasOwn(GEOFENCE_OPS, r.op))
    .map((r) => ({ field: r.field, fn: GEOFENCE_OPS[r.op], value: Number(r.value) }));
  return (lat, lng) => checks.every((c) => c.fn(c.field === 'lat' ? lat : lng, c.value));
}
