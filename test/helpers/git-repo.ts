import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real git repository in a temporary folder. */
export class TempRepo {
  readonly dir: string;

  constructor(opts: { init?: boolean; objectFormat?: 'sha1' | 'sha256' } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'mso-test-'));
    if (opts.init !== false) {
      this.git('init', '-q', '-b', 'main', ...(opts.objectFormat ? [`--object-format=${opts.objectFormat}`] : []));
      this.git('config', 'user.email', 'test@example.invalid');
      this.git('config', 'user.name', 'mso test');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(path: string, content: string | Buffer): string {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return abs;
  }

  commitAll(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '-m', message);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mso-test-'));
}
