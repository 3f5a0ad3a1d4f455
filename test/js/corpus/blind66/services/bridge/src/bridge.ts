import fs from 'node:fs';
import mqtt from 'mqtt';
import serialize from 'node-serialize';
import { forwardFirmware, type OtaCommand } from './firmwareForwarder';

type Json = Record<string, any>;

interface ForwardRule {
  match: string;
  target: string;
}

const BROKER_URL = process.env.MQTT_URL ?? 'mqtts://mqtt.hearthlink.io:8883';
const LEGACY_BROKER_URL = process.env.LEGACY_MQTT_URL ?? 'mqtts://gen1-mqtt.hearthlink.io:8884';
const instance = process.env.HOSTNAME ?? 'local';

const cloud = mqtt.connect(BROKER_URL, {
  clientId: `bridge-${instance}`,
  username: process.env.MQTT_USERNAME,
  password: process.env.MQTT_PASSWORD,
  ca: fs.readFileSync(process.env.MQTT_CA_FILE ?? '/etc/hearthlink/mqtt-ca.pem'),
  rejectUnauthorized: true,
  clean: false,
  reconnectPeriod: 2000,
});

// First-generation hubs still talk to the old broker.
const legacy = mqtt.connect(LEGACY_BROKER_URL, {
  clientId: `bridge-gen1-${instance}`,
  username: 'bridge',
  password: 'gen1-Br1dge-2019!',  //@vuln CWE-798
  rejectUnauthorized: false,  //@vuln CWE-295
  reconnectPeriod: 5000,
});

const shadows = new Map<string, Json>();
const forwardRules = new Map<string, { pattern: RegExp; target: string }[]>();

function deepMerge(target: Json, patch: Json): Json {
  for (const key in patch) {
    const value = patch[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value;  //@vuln CWE-1321
    }
  }
  return target;
}

function compileRule(rule: ForwardRule) {
  return { pattern: new RegExp(rule.match), target: rule.target };  //@vuln CWE-1333
}

function updateShadow(homeId: string, deviceId: string, reported: Json) {
  const key = `${homeId}/${deviceId}`;
  const shadow = shadows.get(key) ?? { reported: {}, version: 0 };
  deepMerge(shadow.reported, reported);
  shadow.version += 1;
  shadow.updatedAt = new Date().toISOString();
  shadows.set(key, shadow);
  cloud.publish(`shadow/${homeId}/${deviceId}`, JSON.stringify(shadow), { qos: 1, retain: true });

  for (const rule of forwardRules.get(homeId) ?? []) {
    if (rule.pattern.test(deviceId)) {
      cloud.publish(`forward/${homeId}/${rule.target}`, JSON.stringify({ deviceId, reported }), { qos: 0 });
    }
  }
}

cloud.on('connect', () => {
  cloud.subscribe(['hearth/+/+/state', 'hearth/+/rules', 'cloud/cmd/+/+'], { qos: 1 });
  console.log('[bridge] connected to cloud broker');
});

legacy.on('connect', () => {
  legacy.subscribe('gen1/+/+/report', { qos: 1 });
  console.log('[bridge] connected to gen1 broker');
});

cloud.on('message', async (topic, message) => {
  const parts = topic.split('/');
  try {
    if (parts[0] === 'hearth' && parts[3] === 'state') {
      updateShadow(parts[1], parts[2], JSON.parse(message.toString()));
    } else if (parts[0] === 'hearth' && parts[2] === 'rules') {
      const rules = JSON.parse(message.toString()) as ForwardRule[];
      forwardRules.set(parts[1], rules.map(compileRule));
    } else if (parts[0] === 'cloud' && parts[1] === 'cmd') {
      const [, , homeId, deviceId] = parts;
      const command = JSON.parse(message.toString());
      if (command.type === 'ota') {
        await forwardFirmware(cloud, { ...(command as OtaCommand), homeId, deviceId });
      } else {
        cloud.publish(`hearth/${homeId}/${deviceId}/cmd`, JSON.stringify(command), { qos: 1 });
      }
    }
  } catch (err) {
    console.error(`[bridge] failed to handle ${topic}:`, err);
  }
});

legacy.on('message', (topic, message) => {
  const [, homeId, deviceId] = topic.split('/');
  try {
    const report = serialize.unserialize(message.toString());  //@vuln CWE-502
    updateShadow(homeId, deviceId, report.state ?? {});
  } catch (err) {
    console.error(`[bridge] bad gen1 report on ${topic}:`, err);
  }
});

process.on('SIGTERM', () => {
  cloud.end();
  legacy.end();
  process.exit(0);
});
