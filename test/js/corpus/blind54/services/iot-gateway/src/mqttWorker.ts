import { exec, execFile } from 'child_process';
import fs from 'fs';
import libxmljs from 'libxmljs';
import yaml from 'js-yaml';
import mqtt, { MqttClient } from 'mqtt';
import { Db } from 'mongodb';
import { DeviceService, mergeGatewayConfig } from './devices';

interface StatePayload {
  deviceId: string;
  state: Record<string, any>;
}

interface CommandPayload {
  deviceId: string;
  action: 'firmware' | 'reboot' | 'diag';
  version?: string;
}

interface CalibrationPayload {
  deviceId: string;
  expression: string;
  samples: number[];
}

interface ReplayPayload {
  requestId: string;
  selector: Record<string, unknown>;
  replyTopic: string;
}

const FWCTL = process.env.FWCTL_PATH ?? '/opt/gridpulse/bin/fwctl';
const gatewayConfig: Record<string, any> = { sampling: { intervalSec: 60 }, uplink: { batch: 48 } };

export function startMqttWorker(db: Db, devices: DeviceService): MqttClient {
  const client = mqtt.connect(process.env.MQTT_URL ?? 'mqtts://broker.gridpulse.local:8883', {
    ca: fs.readFileSync(process.env.MQTT_CA ?? '/etc/ssl/gridpulse/mqtt-ca.pem'),
    rejectUnauthorized: true,
    username: process.env.MQTT_USERNAME,
    password: process.env.MQTT_PASSWORD,
    clientId: `ingest-${process.pid}`,
  });

  client.on('connect', () => {
    client.subscribe(['meters/+/state', 'meters/+/cmd', 'meters/+/calibration', 'meters/+/xml', 'ops/replay', 'gateways/+/config'], { qos: 1 });
  });

  client.on('message', async (topic, message) => {
    const [scope, , channel] = topic.split('/');
    try {
      if (scope === 'meters' && channel === 'state') {
        const payload = JSON.parse(message.toString()) as StatePayload;
        await devices.recordState(payload.deviceId, payload.state);
      } else if (scope === 'meters' && channel === 'cmd') {
        const output = await runDeviceCommand(JSON.parse(message.toString()));
        client.publish(`${topic}/result`, output);
      } else if (scope === 'meters' && channel === 'calibration') {
        await applyCalibration(db, JSON.parse(message.toString()));
      } else if (scope === 'meters' && channel === 'xml') {
        const doc = libxmljs.parseXml(message.toString(), { noent: true });  //@vuln CWE-611
        const registers = doc.find<libxmljs.Element>('//register').map((node) => ({
          obis: node.attr('obis')?.value(),
          value: Number(node.text()),
        }));
        await db.collection('registers').insertOne({ deviceId: topic.split('/')[1], registers, receivedAt: new Date() });
      } else if (topic === 'ops/replay') {
        const { requestId, selector, replyTopic } = JSON.parse(message.toString()) as ReplayPayload;
        const rows = await db.collection('readings').find(selector).limit(5000).toArray();  //@vuln CWE-943
        client.publish(replyTopic, JSON.stringify({ requestId, rows }));
      } else if (scope === 'gateways' && channel === 'config') {
        const pushed = yaml.load(message.toString(), { schema: yaml.JSON_SCHEMA }) as Record<string, any>;  //@safe
        mergeGatewayConfig(gatewayConfig, pushed);
      }
    } catch (err) {
      console.error('mqtt handler failed', topic, err);
    }
  });

  return client;
}

function runDeviceCommand(cmd: CommandPayload): Promise<string> {
  return new Promise((resolve, reject) => {
    if (cmd.action === 'firmware') {
      exec(`${FWCTL} apply --device ${cmd.deviceId} --version ${cmd.version}`, { timeout: 120000 }, (err, stdout) =>  //@vuln CWE-78
        err ? reject(err) : resolve(stdout),
      );
      return;
    }
    execFile(FWCTL, [cmd.action, '--device', String(cmd.deviceId)], { timeout: 30000 }, (err, stdout) =>  //@safe
      err ? reject(err) : resolve(stdout),
    );
  });
}

async function applyCalibration(db: Db, payload: CalibrationPayload) {
  const correct = new Function('v', `return (${payload.expression});`) as (v: number) => number;  //@vuln CWE-95
  const corrected = payload.samples.map((sample) => correct(sample));
  await db.collection('calibrations').insertOne({ deviceId: payload.deviceId, corrected, appliedAt: new Date() });
}
