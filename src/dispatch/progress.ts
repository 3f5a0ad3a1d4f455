/**
 * Crew progress on stderr: a spinner line on a terminal, plain lines
 * otherwise (one per tool call), so logs stay readable and stdout stays clean.
 */
export interface CrewStats {
  turns: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  refusals: number;
  filesWritten: string[];
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class CrewProgress {
  private readonly tty = !!process.stderr.isTTY;
  private timer?: NodeJS.Timeout;
  private frame = 0;
  private activity = 'starting';

  constructor(
    private readonly id: string,
    private readonly stats: CrewStats,
    private readonly quiet = false,
  ) {}

  start(): void {
    if (this.quiet) return;
    if (this.tty) {
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    } else process.stderr.write(`mso: ${this.id}: crew started\n`);
  }

  private line(): string {
    const s = this.stats;
    return `${this.id} · turn ${s.turns} · ${s.toolCalls} tool call${s.toolCalls === 1 ? '' : 's'} · ${s.inputTokens + s.outputTokens} tokens · ${this.activity}`;
  }

  private draw(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    process.stderr.write(`\r\x1b[K${FRAMES[this.frame]} ${this.line()}`);
  }

  update(activity: string): void {
    this.activity = activity;
    if (this.quiet) return;
    if (this.tty) this.draw();
    else process.stderr.write(`mso: ${this.line()}\n`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.quiet && this.tty) process.stderr.write('\r\x1b[K');
  }
}
