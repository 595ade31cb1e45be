import { Transform, type TransformCallback } from 'node:stream';

/** Larger messages are refused: an open document is at most the 128 MiB file-size ceiling, escaped in JSON. */
export const MAX_CONTENT_LENGTH = 512 * 1024 * 1024;
/** A header block longer than this is not a header: the stream has lost its framing. */
const MAX_HEADER_BYTES = 8192;
const HEADER_END = Buffer.from('\r\n\r\n');
/** The only header fields of the base protocol. */
const FIELD = /^(Content-Length|Content-Type): *([^\r\n]*)$/i;

/**
 * Checks the base protocol's framing (`Content-Length: n` headers, then n bytes) in front of the
 * message reader, passing bytes through unchanged. A frame with a missing, malformed, negative or huge
 * length, or a header that never ends, leaves the stream unreadable from then on: `fail` is called
 * with the reason, and the server exits so that the editor starts a new one rather than wait forever.
 */
export class FrameGuard extends Transform {
  private header = Buffer.alloc(0);
  private bodyLeft = 0;
  private failed = false;

  constructor(private readonly fail: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0 && !this.failed) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.push(data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
        continue;
      }
      this.header = Buffer.concat([this.header, data]);
      const end = this.header.indexOf(HEADER_END);
      if (end < 0) {
        if (this.header.length > MAX_HEADER_BYTES) this.stop('a header without an end');
        break;
      }
      // What follows the header is body (and perhaps further frames).
      const length = contentLength(this.header.subarray(0, end).toString('ascii'));
      if (typeof length === 'string') {
        this.stop(length);
        break;
      }
      this.push(this.header.subarray(0, end + HEADER_END.length));
      data = this.header.subarray(end + HEADER_END.length);
      this.header = Buffer.alloc(0);
      this.bodyLeft = length;
    }
    done();
  }

  private stop(reason: string): void {
    this.failed = true;
    this.fail(reason);
  }
}

/** The Content-Length of a header block, or why the block is not a valid header. */
function contentLength(block: string): number | string {
  let length: number | string = 'a header without Content-Length';
  for (const line of block.split('\r\n')) {
    const m = FIELD.exec(line);
    if (!m) return `a header line that is not Content-Length or Content-Type: ${JSON.stringify(line.slice(0, 80))}`;
    if (m[1].toLowerCase() !== 'content-length') continue;
    const n = /^\d{1,10}$/.test(m[2]) ? Number(m[2]) : NaN;
    if (!(n > 0 && n <= MAX_CONTENT_LENGTH)) return `a Content-Length of ${JSON.stringify(m[2].slice(0, 40))}, not a length from 1 to ${MAX_CONTENT_LENGTH}`;
    length = n;
  }
  return length;
}
