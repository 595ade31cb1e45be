import { fstatSync, statSync, writeSync } from 'node:fs';

/** Where the command line writes a report or a message, and what it asks of a terminal. */
export interface OutputStream {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  /** A terminal's width. */
  readonly columns?: number;
  /** What was written but is not yet with the system. */
  readonly writableLength: number;
}

/** The command line's standard output and error (see standardOutput). */
export function standardStreams(): { stdout: OutputStream; stderr: OutputStream } {
  return { stdout: standardOutput(1), stderr: standardOutput(2) };
}

/**
 * Standard output (1) or standard error (2) of the command line. A pipe, a socket (what a Node.js parent such
 * as an editor task gives its child), a file or /dev/null, where a hook, a CI step or `| jq` reads the report
 * or a hook wants only the exit code, is written to with `write(2)` directly: Node's stream for one loads its
 * network and stream modules when first used, about 2.5 ms of every run. A terminal, anything else, and
 * Windows get Node's stream (colours, width, consoles).
 */
function standardOutput(fd: 1 | 2): OutputStream {
  return process.platform !== 'win32' && isPipeSocketFileOrNull(fd) ? new DirectOutput(fd) : nodeStream(fd);
}

function isPipeSocketFileOrNull(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    // Node writes to /dev/null, a character device but no terminal, synchronously as to a file.
    return stat.isFIFO() || stat.isSocket() || stat.isFile() || (stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev);
  } catch {
    return false;
  }
}

/** Node's stream for a descriptor. A reader that goes away (`gwlint … | head -1`) is not an error of the run. */
function nodeStream(fd: 1 | 2): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (!quieted.has(stream)) {
    quieted.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (!readerGone(e)) throw e;
    });
  }
  return stream;
}

/** The reader closed its end: a pipe says EPIPE, a socket with unread data ECONNRESET. */
function readerGone(e: NodeJS.ErrnoException): boolean {
  return e.code === 'EPIPE' || e.code === 'ECONNRESET';
}

const quieted = new WeakSet<NodeJS.WriteStream>();

/** Writes as Node's stream does on Linux, where writes to pipes and files are synchronous. */
class DirectOutput implements OutputStream {
  readonly isTTY = false;
  /** Node's stream, from the first write that would have blocked (a pipe its reader made non-blocking, full). */
  private stream?: NodeJS.WriteStream;
  /** The reader went away: what is left has nowhere to go. */
  private gone = false;

  constructor(private readonly fd: 1 | 2) {}

  get writableLength(): number {
    return this.stream?.writableLength ?? 0;
  }

  write(text: string): boolean {
    if (this.stream) return this.stream.write(text);
    if (this.gone) return true;
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (e) {
      if (readerGone(e as NodeJS.ErrnoException)) {
        this.gone = true;
        return true;
      }
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      // Node's stream queues the rest and writes it as the reader makes room.
      this.stream = nodeStream(this.fd);
      return this.stream.write(bytes.subarray(written));
    }
    return true;
  }
}
