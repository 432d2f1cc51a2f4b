/** Keeps at most `limit` bytes of a stream: its head (for parsing) or its tail (where errors are). */
export class OutputCapture {
  private chunks: Buffer[] = [];
  private kept = 0;
  total = 0;
  truncated = false;

  constructor(
    private readonly limit: number,
    private readonly keep: 'head' | 'tail',
  ) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.keep === 'head') {
      const room = this.limit - this.kept;
      if (chunk.length > room) this.truncated = true;
      if (room <= 0) return;
      const part = chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
      return;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
    for (let first = this.chunks[0]; first !== undefined && this.kept - first.length >= this.limit;) {
      this.chunks.shift();
      this.kept -= first.length;
      this.truncated = true;
      first = this.chunks[0];
    }
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    if (all.length <= this.limit) return all.toString('utf8');
    this.truncated = true;
    return all.subarray(all.length - this.limit).toString('utf8');
  }
}
