/**
 * Progress for long scans: files and megabytes done, on stderr, only when
 * stderr is a terminal, so it never mixes into JSON/SARIF output or logs.
 */
export class Progress {
  private files = 0;
  private bytes = 0;
  private last = 0;
  private shown = false;
  private readonly started = Date.now();

  constructor(private readonly enabled: boolean = !!process.stderr.isTTY) {}

  add(files: number, bytes: number): void {
    this.files += files;
    this.bytes += bytes;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < 300 || now - this.last < 100) return;
    this.last = now;
    this.shown = true;
    process.stderr.write(`\r\x1b[Kmso: scanned ${this.files} files, ${(this.bytes / 1e6).toFixed(1)} MB`);
  }

  done(): void {
    if (this.enabled && this.shown) process.stderr.write('\r\x1b[K');
  }
}
