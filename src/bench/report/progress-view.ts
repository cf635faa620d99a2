/** Where the live view is drawn: a terminal (redrawn in place) or a log (lines). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

const REDRAW_MS = 100;

/**
 * A one-line live view on a terminal, redrawn in place; on anything else (a pipe, a CI log) only
 * the lines passed to `log`, so a log does not fill with redraws.
 */
export class ProgressView {
  readonly #stream: ProgressStream;
  #line = '';
  #drawnAt = 0;

  constructor(stream: ProgressStream) {
    this.#stream = stream;
  }

  /** Shows `line` as the live line (at most every 100 ms on a terminal). */
  update(line: string, force = false): void {
    this.#line = line;
    if (this.#stream.isTTY !== true) return;
    const now = Date.now();
    if (!force && now - this.#drawnAt < REDRAW_MS) return;
    this.#drawnAt = now;
    this.#draw();
  }

  /** Prints a permanent line above the live one. */
  log(text: string): void {
    if (this.#stream.isTTY === true) {
      this.#stream.write(`\r\x1b[K${text}\n`);
      this.#draw();
    } else {
      this.#stream.write(`${text}\n`);
    }
  }

  /** Clears the live line for good. */
  done(): void {
    if (this.#stream.isTTY === true && this.#line !== '') this.#stream.write('\r\x1b[K');
    this.#line = '';
  }

  #draw(): void {
    // A pseudo-terminal may say 0 columns: then assume a common width.
    const columns = this.#stream.columns ?? 0;
    const width = columns > 0 ? Math.max(20, columns - 1) : 99;
    const line = this.#line.length > width ? `${this.#line.slice(0, width - 1)}…` : this.#line;
    this.#stream.write(`\r\x1b[K${line}`);
  }
}
