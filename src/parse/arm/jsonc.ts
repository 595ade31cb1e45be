import { printParseErrorCode, visit } from 'jsonc-parser';
import type { SourceFile } from '../../core/source.js';
import { span } from '../../core/span.js';
import type { Expr, ObjectExpr, ObjectProp } from '../../expr/ast.js';
import { parseArmString } from '../../expr/arm-parser.js';
import type { Comment, FrontEndProblem } from '../ir.js';

export interface JsonDocument {
  root?: Expr;
  problems: FrontEndProblem[];
  comments: Comment[];
}

/**
 * ARM accepts "extended JSON": comments, trailing commas and raw line breaks inside strings. jsonc-parser
 * handles the first two; raw line breaks are masked with spaces of the same length so offsets stay exact.
 */
export function maskRawLineBreaksInStrings(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      else if (c === 10 || c === 13) {
        out ??= [];
        out.push(text.slice(last, i), ' ');
        last = i + 1;
      }
    } else if (c === 34) inString = true;
    else if (c === 47 /* / */) {
      const n = text.charCodeAt(i + 1);
      if (n === 47) {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? text.length : eol;
      } else if (n === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? text.length : close + 1;
      }
    }
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

interface Frame {
  node: ObjectExpr | { kind: 'array'; items: Expr[]; span: ReturnType<typeof span> };
  key?: { key: string; keySpan: ReturnType<typeof span> };
}

/**
 * Parses JSON(C) into the expression IR with exact spans. With `expressions`, strings in ARM expression
 * syntax (`"[…]"`) become parsed expressions; parameter files keep every string literal, as ARM does.
 */
export function parseJsonDocument(file: SourceFile, expressions: boolean): JsonDocument {
  let text = maskRawLineBreaksInStrings(file.text);
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  const problems: FrontEndProblem[] = [];
  const comments: Comment[] = [];
  const stack: Frame[] = [];
  let root: Expr | undefined;
  let pendingKey: { key: string; keySpan: ReturnType<typeof span> } | undefined;

  const attach = (value: Expr): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root ??= value;
      return;
    }
    if (top.node.kind === 'array') top.node.items.push(value);
    else if (pendingKey) {
      const prop: ObjectProp = { key: pendingKey.key, keySpan: pendingKey.keySpan, value };
      top.node.props.push(prop);
      pendingKey = undefined;
    }
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => {
        const node: ObjectExpr = { kind: 'object', props: [], span: span(file, offset, offset) };
        const key = pendingKey;
        pendingKey = undefined;
        stack.push({ node, key });
      },
      onObjectEnd: (offset, length) => close(offset + length),
      onArrayBegin: (offset) => {
        const key = pendingKey;
        pendingKey = undefined;
        stack.push({ node: { kind: 'array', items: [], span: span(file, offset, offset) }, key });
      },
      onArrayEnd: (offset, length) => close(offset + length),
      onObjectProperty: (property, offset, length) => {
        pendingKey = { key: property, keySpan: span(file, offset, offset + length) };
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const s = span(file, offset, offset + length);
        if (typeof value === 'string' && expressions && value.charCodeAt(0) === 91 /* [ */) attach(parseArmString(value, s));
        else attach({ kind: 'literal', value: value as string | number | boolean | null, span: s });
      },
      onComment: (offset, length) => {
        const raw = file.text.slice(offset, offset + length);
        const block = raw.startsWith('/*');
        comments.push({
          marker: block ? '/*' : '//',
          text: block ? raw.slice(2, raw.endsWith('*/') ? -2 : undefined) : raw.slice(2),
          span: span(file, offset, offset + length),
        });
      },
      onError: (error, offset, length) => {
        if (problems.length === 0)
          problems.push({
            code: 'parse-error',
            level: 'error',
            message: `Invalid JSON: ${describeParseError(printParseErrorCode(error))}.`,
            span: span(file, offset, offset + Math.max(length, 1)),
          });
      },
    },
    { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true },
  );

  function close(end: number): void {
    const frame = stack.pop();
    if (!frame) return;
    const node = frame.node;
    (node as { span: ReturnType<typeof span> }).span = span(file, node.span.start, end);
    pendingKey = frame.key;
    attach(node as Expr);
  }

  // Unclosed containers (truncated files) still yield what was read.
  while (stack.length) close(file.text.length);
  return { root, problems, comments };
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words;
}
