// A one-line progress report on stderr for long writes, imports and exports:
// "[=======>     ]  54%  120000 lines  48210 lines/s". Shown when stderr is a terminal, or
// always with --progress. A terminal gets one line redrawn in place every 100 ms; a file or pipe
// gets a line per second and the final count.

export class Progress {
  #stream;
  #enabled;
  #start = Date.now();
  #lastDraw = Date.now();
  #lines = 0;
  #fraction = null;
  #verb;

  constructor({ enabled, stream = process.stderr, verb = 'written' }) {
    this.#stream = stream;
    this.#enabled = enabled ?? !!stream.isTTY;
    this.#verb = verb;
  }

  // lines: lines done so far; fraction: 0..1 of the input, or null when the size is unknown.
  update(lines, fraction = null) {
    this.#lines = lines;
    this.#fraction = fraction;
    const now = Date.now();
    const tty = !!this.#stream.isTTY;
    if (!this.#enabled || now - this.#lastDraw < (tty ? 100 : 1000)) return;
    this.#lastDraw = now;
    this.#stream.write(tty ? `\r${this.text()}\x1b[K` : `${this.text()}\n`);
  }

  text() {
    const seconds = Math.max((Date.now() - this.#start) / 1000, 0.001);
    const rate = Math.round(this.#lines / seconds);
    const width = 24;
    let bar = '';
    if (this.#fraction !== null) {
      const f = Math.min(Math.max(this.#fraction, 0), 1);
      const done = Math.round(f * width);
      bar = `[${'='.repeat(Math.max(done - 1, 0))}${done ? '>' : ''}${' '.repeat(width - done)}] ${String(Math.round(f * 100)).padStart(3)}%  `;
    }
    return `${bar}${this.#lines} lines ${this.#verb}  ${rate} lines/s`;
  }

  finish() {
    if (!this.#enabled) return;
    if (this.#fraction !== null) this.#fraction = 1;
    this.#stream.write(this.#stream.isTTY ? `\r${this.text()}\x1b[K\n` : `${this.text()}\n`);
  }
}
