import { StringDecoder } from 'node:string_decoder';

/** Cuts a byte stream into lines for a callback; a line longer than `maxLine` is passed on in pieces. */
export class LineSplitter {
  private pending = '';
  // A character split across two chunks must not become two replacement characters.
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = 64 * 1024,
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    for (let nl = this.pending.indexOf('\n'); nl !== -1; nl = this.pending.indexOf('\n', start)) {
      this.emit(this.pending.slice(start, nl));
      start = nl + 1;
    }
    this.pending = this.pending.slice(start);
    while (this.pending.length > this.maxLine) {
      this.emit(this.pending.slice(0, this.maxLine));
      this.pending = this.pending.slice(this.maxLine);
    }
  }

  /** Passes on what is left after the stream ended. */
  end(): void {
    this.pending += this.decoder.end();
    if (this.pending.length > 0) this.emit(this.pending);
    this.pending = '';
  }

  private emit(line: string): void {
    // Progress output ends its lines with \r to redraw in place; each redraw is a line of its own.
    for (const part of line.split('\r')) if (part.length > 0) this.onLine(part);
  }
}
