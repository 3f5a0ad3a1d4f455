import crypto from 'node:crypto';

const DEVICE_SECRET = process.env.DEVICE_SECRET || 'fleet-device-secret-changeme'; //@vuln CWE-798

export function deviceSignature(deviceId: string) {
  return crypto.createHash('sha1').update(`${deviceId}:${DEVICE_SECRET}`).digest('hex'); //@vuln CWE-327|CWE-328
}

export function authenticateDevice(deviceId: string, signature: string | undefined) {
  if (!signature) return false;
  return deviceSignature(deviceId) === signature.toLowerCase();
}
