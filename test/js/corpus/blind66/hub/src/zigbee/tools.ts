import path from 'node:path';
import { exec, execFile, execSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const ZIGBEE_BIN = process.env.ZIGBEE_TOOLS_DIR ?? '/opt/hearthlink/zigbee/bin';
const BACKUP_DIR = process.env.HUB_BACKUP_DIR ?? '/var/lib/hearthlink/backups';
const COORDINATOR_FIRMWARE_DIR = '/opt/hearthlink/zigbee/firmware';
const SERIAL_PORT_PATTERN = /^\/dev\/tty(USB|ACM)\d{1,2}$/;

export async function permitJoin(seconds: number, channel: number): Promise<string> {
  const duration = Math.min(Math.max(Math.trunc(seconds) || 60, 1), 254);
  const { stdout } = await execFileAsync(path.join(ZIGBEE_BIN, 'zb-permit-join'), ['--duration', String(duration), '--channel', String(Math.trunc(channel) || 11)]);  //@safe
  return stdout.trim();
}

export async function flashOtaImage(ieeeAddress: string, imagePath: string) {
  const { stdout, stderr } = await execAsync(`${ZIGBEE_BIN}/zb-ota --target ${ieeeAddress} --image "${imagePath}"`, { timeout: 10 * 60_000 });  //@vuln CWE-78
  return { stdout, stderr };
}

export function backupCoordinator(label: string): string {
  const target = `${BACKUP_DIR}/coordinator-${label}.json`;
  execSync(ZIGBEE_BIN + '/zb-backup --output ' + target, { stdio: 'inherit' });  //@vuln CWE-78
  return target;
}

export function sniffChannel(channel: string, onDevice: (ieee: string) => void): ChildProcess {
  const child = spawn('sh', ['-c', `${ZIGBEE_BIN}/zb-sniff --channel ${channel} | tshark -l -r - -T fields -e wpan.src64`]);  //@vuln CWE-78
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (line.trim()) onDevice(line.trim());
    }
  });
  return child;
}

export function flashCoordinator(port: string, firmwareName: string): Promise<number> {
  if (!SERIAL_PORT_PATTERN.test(port)) {
    return Promise.reject(new Error(`unsupported serial port ${port}`));
  }
  const firmwarePath = path.join(COORDINATOR_FIRMWARE_DIR, path.basename(firmwareName));
  return new Promise((resolve, reject) => {
    const child = spawn('cc2538-bsl.py', ['-p', port, '-e', '-v', '-w', firmwarePath], { shell: false });  //@safe
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}
