/**
 * Progress for long scans: files and megabytes done, on stderr, only when
 * stderr is a terminal, so it never mixes into JSON/SARIF output or logs.
 * Nothing is shown for scans that finish within `delayMs` (hooks stay quiet).
 */
export interface ProgressOptions {
  /** Where to draw; default process.stderr. Progress is shown only if it is a TTY. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Show nothing before this many ms (default 300; MSO_PROGRESS_DELAY_MS overrides, for tests). */
  delayMs?: number;
  /** Redraw at most this often (ms). */
  intervalMs?: number;
}

export class Progress {
  private files = 0;
  private bytes = 0;
  private last = 0;
  private shown = false;
  private readonly started = Date.now();
  private readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly enabled: boolean;
  private readonly delayMs: number;
  private readonly intervalMs: number;

  constructor(opts: ProgressOptions = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.enabled = !!this.stream.isTTY;
    const envDelay = Number(process.env.MSO_PROGRESS_DELAY_MS);
    this.delayMs = opts.delayMs ?? (Number.isFinite(envDelay) && process.env.MSO_PROGRESS_DELAY_MS !== '' ? envDelay : 300);
    this.intervalMs = opts.intervalMs ?? 100;
  }

  /** A progress that never draws (library callers, hooks). */
  static silent(): Progress {
    return new Progress({ stream: { isTTY: false, write: () => true } as unknown as NodeJS.WritableStream });
  }

  add(files: number, bytes: number): void {
    this.files += files;
    this.bytes += bytes;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < this.delayMs || (this.shown && now - this.last < this.intervalMs)) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r\x1b[Kmso: scanned ${this.files} files, ${(this.bytes / 1e6).toFixed(1)} MB`);
  }

  /** Clears the progress line, so the report starts on a clean line. */
  done(): void {
    if (this.enabled && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
