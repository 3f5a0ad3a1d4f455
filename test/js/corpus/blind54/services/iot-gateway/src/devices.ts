import { Collection, Db } from 'mongodb';

export interface DeviceDoc {
  deviceId: string;
  site: string;
  label: string;
  firmware: string;
  apiKey: string;
  tags: string[];
  state: Record<string, any>;
  lastSeen?: Date;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isPlainObject = (value: unknown): value is Record<string, any> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function applyStatePatch(target: Record<string, any>, patch: Record<string, any>): Record<string, any> {
  for (const key of Object.keys(patch)) {
    const incoming = patch[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(target[key])) target[key] = {};
      applyStatePatch(target[key], incoming);
    } else {
      target[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

export function mergeGatewayConfig(target: Record<string, any>, patch: Record<string, any>): Record<string, any> {
  for (const [key, value] of Object.entries(patch)) {
    if (RESERVED_KEYS.has(key)) continue;
    if (isPlainObject(value)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject(target[key])) target[key] = {};
      mergeGatewayConfig(target[key], value);
    } else {
      target[key] = value;  //@safe
    }
  }
  return target;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class DeviceService {
  private readonly devices: Collection<DeviceDoc>;

  constructor(db: Db) {
    this.devices = db.collection<DeviceDoc>('devices');
  }

  authenticate(deviceId: unknown, apiKey: unknown) {
    return this.devices.findOne({ deviceId, apiKey } as Record<string, unknown>, { projection: { apiKey: 0 } });  //@vuln CWE-943
  }

  byId(deviceId: string) {
    return this.devices.findOne({ deviceId: String(deviceId) }, { projection: { apiKey: 0 } });
  }

  bySite(site: string) {
    return this.devices.find({ site: { $eq: String(site) } }, { projection: { apiKey: 0 } }).toArray();
  }

  async filterByLabel(siteId: string, pattern: string) {
    const matcher = new RegExp(pattern, 'i');  //@vuln CWE-1333
    const onSite = await this.bySite(siteId);
    return onSite.filter((device) => matcher.test(device.label));
  }

  searchByLabel(text: string) {
    const query = { label: { $regex: escapeRegex(String(text)), $options: 'i' } };
    return this.devices.find(query, { projection: { apiKey: 0 } }).limit(50).toArray();  //@safe
  }

  async recordState(deviceId: string, reported: Record<string, any>) {
    const device = await this.devices.findOne({ deviceId: String(deviceId) });
    const state = applyStatePatch(device?.state ?? {}, reported);
    await this.devices.updateOne(
      { deviceId: String(deviceId) },
      { $set: { state, lastSeen: new Date() } },
      { upsert: true },
    );
    return state;
  }
}
