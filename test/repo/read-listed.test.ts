import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readListedFileSync, readVirtualFileSync } from '../../src/cli/read-files.js';
import { tempTrees } from '../cli/helpers.js';

const tree = tempTrees();

describe('reading the files a folder listing gave (the repository index)', () => {
  it('reads what readVirtualFileSync reads: small and large files, UTF-16, binary files', () => {
    const large = `{"resources": [${Array.from({ length: 60_000 }, (_, i) => `{"name": "r${i}", "note": "é ${'x'.repeat(20)}"}`).join(',')}]}`;
    const t = tree({ 'small.json': '{"resources": []}', 'large.json': large, 'empty.json': '' });
    writeFileSync(path.join(t.dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"resources": []}', 'utf16le')]));
    writeFileSync(path.join(t.dir, 'binary.json'), Buffer.from([0x7b, 0x00, 0x7d]));
    expect(Buffer.byteLength(large)).toBeGreaterThan(2 * 1024 * 1024);
    for (const name of ['small.json', 'large.json', 'empty.json', 'utf16.json', 'binary.json']) {
      const file = path.join(t.dir, name);
      expect(readListedFileSync(file), name).toEqual(readVirtualFileSync(file));
    }
    expect(readListedFileSync(path.join(t.dir, 'large.json')).text).toBe(large);
    expect(readListedFileSync(path.join(t.dir, 'binary.json')).readError).toBeTruthy();
  });

  it('a path that became a folder or a pipe since the listing comes back unread, without blocking', () => {
    const t = tree({});
    mkdirSync(path.join(t.dir, 'folder.json'));
    execFileSync('mkfifo', [path.join(t.dir, 'pipe.json')]);
    expect(readListedFileSync(path.join(t.dir, 'folder.json')).readError).toMatch(/folder/);
    expect(readListedFileSync(path.join(t.dir, 'pipe.json')).text).toBe('');
    expect(readListedFileSync(path.join(t.dir, 'gone.json')).readError).toMatch(/no longer exists/);
  });
});
