import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MsoError } from '../core/errors.js';

/**
 * A lock shared by concurrent mso processes: mkdir is atomic, so exactly one
 * process creates the folder. The owner's pid is written inside so a lock left
 * by a dead process is taken over instead of blocking forever.
 */
const STALE_MS = 120_000;

function ownerAlive(lockDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(lockDir).mtimeMs < 2_000;
    process.kill(pid, 0);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPERM') return true;
    if (code === 'ESRCH') return false;
    // No pid file yet: the owner may be between mkdir and write; give it a moment.
    try {
      return Date.now() - statSync(lockDir).mtimeMs < 2_000;
    } catch {
      return false;
    }
  }
}

export async function withLock<T>(lockDir: string, body: () => Promise<T> | T, timeoutMs = 60_000): Promise<T> {
  mkdirSync(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new MsoError(`cannot create lock ${lockDir}: ${(err as Error).message}`);
      let stale = false;
      try {
        stale = !ownerAlive(lockDir) || Date.now() - statSync(lockDir).mtimeMs > STALE_MS;
      } catch {
        continue; // released meanwhile
      }
      if (stale) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new MsoError(`timed out waiting for the lock ${lockDir} (another mso process holds it)`);
      await sleep(15 + Math.floor(Math.random() * 35));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
