import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceFile } from '../../src/core/source.js';
import { lint } from '../../src/engine/lint.js';
import { NOT_SUPPRESSIBLE, suppressionEdit } from '../../src/lsp/suppress.js';
import { builtInRules } from '../../rules/index.js';
import { FIXTURES, readFixture } from '../support/fixtures.js';

function apply(file: SourceFile, line: number, ruleId: string): string {
  const edit = suppressionEdit(file, line, ruleId);
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 1, file.text), [edit]);
}

describe('suppressionEdit', () => {
  it('inserts the JSON directive above the line, with its indentation', () => {
    const file = new SourceFile('/w/main.json', '{\n  "a": {\n      "name": "x"\n  }\n}\n');
    expect(apply(file, 2, 'gateway-subnet-name')).toBe('{\n  "a": {\n      // gwlint-disable-next-line gateway-subnet-name -- reason\n      "name": "x"\n  }\n}\n');
  });

  it("inserts Bicep's own directive in .bicep and .bicepparam files, keeping tabs and CRLF", () => {
    const bicep = new SourceFile('/w/main.bicep', 'resource x \'t@1\' = {\r\n\tname: \'x\'\r\n}\r\n');
    expect(apply(bicep, 1, 'gateway-subnet-name')).toBe('resource x \'t@1\' = {\r\n\t#disable-next-line gateway-subnet-name\r\n\tname: \'x\'\r\n}\r\n');
    const param = new SourceFile('/w/main.bicepparam', "using 'main.bicep'\nparam prefix = '10.0.0.0/29'\n");
    expect(apply(param, 1, 'gateway-subnet-size')).toBe("using 'main.bicep'\n#disable-next-line gateway-subnet-size\nparam prefix = '10.0.0.0/29'\n");
  });

  it('adds the rule to a directive already on the line above instead of stacking a second one', () => {
    const json = new SourceFile('/w/main.jsonc', '{\n  // gwlint-disable-next-line gateway-subnet-size -- resized later\n  "name": "x"\n}\n');
    expect(apply(json, 2, 'gateway-subnet-name')).toBe('{\n  // gwlint-disable-next-line gateway-subnet-size, gateway-subnet-name -- resized later\n  "name": "x"\n}\n');
    const bicep = new SourceFile('/w/main.bicep', "x: {\n  #disable-next-line gateway-subnet-size\n  name: 'x'\n}\n");
    expect(apply(bicep, 2, 'gateway-subnet-name')).toBe("x: {\n  #disable-next-line gateway-subnet-size gateway-subnet-name\n  name: 'x'\n}\n");
    const both = new SourceFile('/w/main.bicep', "x: {\n  // gwlint-disable-next-line gateway-subnet-size\n  name: 'x'\n}\n");
    expect(apply(both, 2, 'gateway-subnet-name')).toBe("x: {\n  // gwlint-disable-next-line gateway-subnet-size, gateway-subnet-name\n  name: 'x'\n}\n");
    // A `#` line in JSON is not a directive gwlint reads there.
    const other = new SourceFile('/w/main.json', '{\n  // a note\n  "name": "x"\n}\n');
    expect(apply(other, 2, 'gateway-subnet-name')).toBe('{\n  // a note\n  // gwlint-disable-next-line gateway-subnet-name -- reason\n  "name": "x"\n}\n');
  });

  it('works on the first line and the last line without a newline', () => {
    expect(apply(new SourceFile('/w/a.json', '{"name": "x"}'), 0, 'r')).toBe('// gwlint-disable-next-line r -- reason\n{"name": "x"}');
  });

  // Every finding in the rule fixtures, suppressed with the edit the language server offers, is gone,
  // and the inserted directive is not reported as unused.
  for (const folder of builtInRules.map((r) => r.meta.id).filter((id) => existsSync(path.join(FIXTURES, id)))) {
    it(`silences each finding of fixtures/${folder}`, async () => {
      // Change rules' fixtures compare with the base version kept in base/.
      const { files: all, base } = readFixture(path.join(FIXTURES, folder));
      const entries = all.filter((f) => /\/invalid\.(json|bicep)$/.test(f.path));
      const context = all.filter((f) => !entries.includes(f));
      const before = await lint({ files: entries, context, base });
      let checked = 0;
      for (const fr of before.files)
        for (const d of fr.diagnostics) {
          // Findings in a deleted file have no file left to write a suppression in.
          if (d.suppression || NOT_SUPPRESSIBLE.has(d.ruleId) || base?.deleted.includes(fr.path)) continue;
          const line = d.span.file.position(d.span.start).line;
          // The editor edits the text as written; a result's files have their secrets masked.
          const written = [...entries, ...context].find((f) => f.path === fr.path)!;
          const text = apply(new SourceFile(fr.path, written.text), line, d.ruleId);
          const files = entries.map((f) => (f.path === fr.path ? { path: f.path, text } : f));
          const others = context.map((f) => (f.path === fr.path ? { path: f.path, text } : f));
          const after = await lint({ files, context: others, base });
          const onFile = after.files.find((f) => f.path === fr.path)!.diagnostics.filter((x) => !x.suppression);
          const shifted = line + 1;
          expect(onFile.filter((x) => x.ruleId === d.ruleId && x.span.file.position(x.span.start).line === shifted), `${fr.path}:${line + 1} ${d.ruleId}`).toEqual([]);
          expect(onFile.filter((x) => x.ruleId === 'unused-suppression')).toEqual([]);
          checked++;
        }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
