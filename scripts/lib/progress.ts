/**
 * Progress for long waits: one line redrawn in place on a terminal, plain
 * lines (on each new step, then every 30 s) when the output is a file or a CI log.
 */
export class Progress {
  private readonly started = Date.now();
  private step = "";
  private lastPlain = 0;
  private readonly tty: boolean;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    this.tty = Boolean(out.isTTY);
  }

  elapsed(): string {
    const seconds = Math.floor((Date.now() - this.started) / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  /** Reports the current step; repeated calls for the same step only refresh the clock. */
  update(step: string): void {
    if (this.tty) {
      this.out.write(`\r\x1b[2K[${this.elapsed()}] ${step}`);
    } else if (step !== this.step || Date.now() - this.lastPlain >= 30_000) {
      this.out.write(`[${this.elapsed()}] ${step}\n`);
      this.lastPlain = Date.now();
    }
    this.step = step;
  }

  /** A finished step, kept on screen. */
  done(line: string): void {
    this.out.write(`${this.tty ? "\r\x1b[2K" : ""}[${this.elapsed()}] ${line}\n`);
    this.step = "";
  }
}
