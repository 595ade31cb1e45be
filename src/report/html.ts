import type { Diagnostic, Level } from '../core/diagnostic.js';
import { toLineColumn, type Span } from '../core/span.js';
import { countFindings, type FileResult } from '../engine/result.js';
import type { RuleMeta } from '../engine/rule-meta.js';
import type { NetworkSummary, SubnetSummary } from '../model/summary.js';
import type { AddressMap, Axis, PlacedSubnet } from './address-map.js';
import { addressMap, formatAddress, position, rangeToCidrs } from './address-map.js';
import { highestLevel, plural, shownDiagnostics } from './findings.js';
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

/**
 * One self-contained page per run: inline CSS, no script, nothing fetched (a Content-Security-Policy
 * forbids it). The findings come first, grouped by file; then every VNet gets an address-space map: a
 * bar per address prefix with each subnet's range on it, GatewaySubnet highlighted, overlaps and
 * unallocated ranges marked, and subnets with findings outlined and linked to them. Everything that
 * comes from a template is HTML-escaped.
 */
export const html: Reporter = (result, options) => {
  const counts = countFindings(result);
  const total = counts.errors + counts.warnings + counts.infos;
  const files = result.files.filter((f) => shownDiagnostics(f).length > 0);
  const anchors = findingAnchors(files);
  const networks = [...(result.networks ?? [])].sort(
    (a, b) => displayPath(a.span.file.path, options.cwd).localeCompare(displayPath(b.span.file.path, options.cwd)) || a.span.start - b.span.start,
  );
  const summary =
    total === 0
      ? 'No problems found'
      : `${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')})`;
  const labels = new LabelWidths();
  const located = new FindingIndex(anchors);
  const maps = drawnOnce(networks)
    .map((n, i) => vnetBlock(n.vnet, n.declarations, i, options.cwd, { anchors, located, labels }))
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gwlint report</title>
<style>${STYLE}${labels.rules()}</style>
</head>
<body>
<header>
<h1>gwlint report</h1>
<p class="summary ${counts.errors ? 'has-errors' : counts.warnings ? 'has-warnings' : 'clean'}">${esc(summary)} in ${plural(result.files.length, 'file')} · gwlint ${esc(options.version)}</p>
</header>
<main>
<section id="findings">
<h2>Findings</h2>
${files.length ? files.map((f) => fileBlock(f, options.cwd, sensitiveRules(result.rules), anchors)).join('\n') : '<p class="none">No findings.</p>'}
</section>
<section id="networks">
<h2>Address spaces</h2>
${networks.length ? maps : '<p class="none">No virtual network declared in the linted files.</p>'}
</section>
</main>
</body>
</html>
`;
};

/** Each shown finding's element id, `finding-N` in page order. */
function findingAnchors(files: FileResult[]): Map<Diagnostic, string> {
  const anchors = new Map<Diagnostic, string>();
  for (const f of files) for (const d of shownDiagnostics(f)) anchors.set(d, `finding-${anchors.size + 1}`);
  return anchors;
}

/**
 * The shown findings by where they are reported and where their related locations are, sorted per
 * file, so that the findings inside a declaration are found without going through all of them.
 */
class FindingIndex {
  private readonly byFile = new Map<string, { start: number; end: number; order: number; d: Diagnostic }[]>();

  constructor(anchors: Map<Diagnostic, string>) {
    let order = 0;
    for (const d of anchors.keys()) {
      for (const span of [d.span, ...d.related.map((r) => r.span)]) {
        const list = this.byFile.get(span.file.path) ?? [];
        list.push({ start: span.start, end: span.end, order, d });
        this.byFile.set(span.file.path, list);
      }
      order++;
    }
    for (const list of this.byFile.values()) list.sort((a, b) => a.start - b.start);
  }

  /** The findings reported, or with a related location, inside a span, in page order. */
  inside(span: Span): Diagnostic[] {
    const list = this.byFile.get(span.file.path) ?? [];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid].start < span.start) low = mid + 1;
      else high = mid;
    }
    const found = new Map<Diagnostic, number>();
    for (let i = low; i < list.length && list[i].start < span.end; i++) if (list[i].end <= span.end) found.set(list[i].d, list[i].order);
    return [...found].sort((a, b) => a[1] - b[1]).map(([d]) => d);
  }
}

interface MapContext {
  anchors: Map<Diagnostic, string>;
  located: FindingIndex;
  labels: LabelWidths;
}

/**
 * The VNets to draw, each distinct one once with the number of declarations that drew it: a VNet declared
 * many times over (copies, or alternatives under conditions) holds the subnets of every declaration, so
 * drawing each copy would repeat the same map as many times.
 */
function drawnOnce(networks: NetworkSummary[]): { vnet: NetworkSummary; declarations: number }[] {
  const byContent = new Map<string, { vnet: NetworkSummary; declarations: number }>();
  for (const vnet of networks) {
    const key = JSON.stringify([vnet.name, vnet.addressPrefixes, vnet.unknownAddressPrefixes, vnet.subnets.map((s) => [s.span.file.path, s.span.start, s.prefixes, s.unknownPrefixes, s.gateways])]);
    const seen = byContent.get(key);
    if (seen) seen.declarations++;
    else byContent.set(key, { vnet, declarations: 1 });
  }
  return [...byContent.values()];
}

function vnetBlock(vnet: NetworkSummary, declarations: number, index: number, cwd: string, { anchors, located, labels }: MapContext): string {
  const map = addressMap(vnet);
  const where = `${displayPath(vnet.span.file.path, cwd)}:${toLineColumn(vnet.span).line}`;
  const space = vnet.addressPrefixes.length ? vnet.addressPrefixes.map(esc).join(', ') : 'unknown';
  const unknown = vnet.unknownAddressPrefixes ? ` <span class="muted">(${plural(vnet.unknownAddressPrefixes, 'prefix')} not known)</span>` : '';
  const subnets = new Map(vnet.subnets.map((s, i) => [s, { summary: s, id: `vnet-${index + 1}-subnet-${i + 1}`, findings: located.inside(s.declaration) }]));
  return `<article class="vnet">
<h3>${name(vnet.name)} <span class="where">${esc(where)}</span>${declarations > 1 ? ` <span class="muted">(declared ${declarations} times)</span>` : ''}</h3>
<p>Address space: ${space}${unknown}</p>
${map.axes.map((axis) => axisBlock(axis, subnets, labels)).join('\n')}${map.axes.length ? '\n<p class="muted scale">Ranges are drawn in address order; a width grows with the logarithm of the range size, so small subnets stay visible. A name too long for its range is in the table below. Hatched: unallocated. Red: overlap. Outlined: the subnet has findings.</p>' : ''}
${notes(map)}
${subnetTable([...subnets.values()], map, anchors)}
</article>`;
}

interface ShownSubnet {
  summary: SubnetSummary;
  /** The id of its row in the subnet table. */
  id: string;
  findings: Diagnostic[];
}

const LANE_HEIGHT = 30;

function axisBlock(axis: Axis, subnets: Map<SubnetSummary, ShownSubnet>, labels: LabelWidths): string {
  const pos = (from: bigint, to: bigint) => {
    const left = position(axis, from);
    return `left:${left.toFixed(4)}%;width:${(position(axis, to + 1n) - left).toFixed(4)}%`;
  };
  const free = axis.free
    .map((r) => `<div class="free" style="${pos(r.start, r.end)}" title="${esc(`unallocated: ${describeRange(r.start, r.end, axis.cidr.family)}`)}"></div>`)
    .join('');
  const segments = axis.subnets.map((s) => segment(s, subnets.get(s.subnet)!, pos(s.cidr.start, s.cidr.end), labels)).join('');
  const overlapBands = overlapsOn(axis)
    .map((o) => `<div class="overlap" style="${pos(o.start, o.end)}" title="overlap"></div>`)
    .join('');
  const caption = `${axis.cidr.text}${axis.derived ? ' (the address space is not known: the range that covers the subnets)' : ''}`;
  return `<figure class="axis">
<figcaption>${esc(caption)} <span class="muted">${esc(formatAddress(axis.cidr.start, axis.cidr.family))} – ${esc(formatAddress(axis.cidr.end, axis.cidr.family))}</span></figcaption>
<div class="bar" style="height:${axis.lanes * LANE_HEIGHT}px">${free}${segments}${overlapBands}</div>
</figure>`;
}

/** A subnet's range on the bar, a link to its row in the table; its name shows only where it fits whole. */
function segment(s: PlacedSubnet, shown: ShownSubnet, at: string, labels: LabelWidths): string {
  const label = s.name ?? '?';
  const level = shown.findings.length ? highestLevel(shown.findings) : undefined;
  const classes = ['seg', `c${s.index % 8}`, s.gatewaySubnet ? 'gw' : '', level ? `flagged ${level}` : '', labels.classFor(label)].filter(Boolean).join(' ');
  const findings = shown.findings.length ? ` · ${plural(shown.findings.length, 'finding')}` : '';
  const title = `${s.name ?? '(unknown name)'} ${s.cidr.text}${s.gateways.length ? ` · gateway ${s.gateways.join(', ')}` : ''}${findings}`;
  return `<a class="${classes}" href="#${shown.id}" style="${at};top:${s.lane * LANE_HEIGHT}px" title="${esc(title)}"><span>${esc(label)}</span></a>`;
}

/**
 * Segment labels are shown only when the segment is wide enough for the whole name: each segment is a
 * CSS size container, and a rule per needed width (labels are monospace, so the width follows from the
 * length) makes its label visible from that width up. Nothing is cut, whatever the page's width.
 */
class LabelWidths {
  private readonly widths = new Set<number>();

  classFor(label: string): string {
    // A container query measures the content box, inside padding and borders; 11px monospace is 6.7px a character at most.
    const needed = Math.ceil(([...label].length * 6.7 + 1) / 4) * 4;
    this.widths.add(needed);
    return `fit-${needed}`;
  }

  rules(): string {
    return [...this.widths]
      .sort((a, b) => a - b)
      .map((w) => `@container (min-width:${w}px){.fit-${w}>span{visibility:visible}}`)
      .join('\n');
  }
}

/**
 * The ranges of this bar that two or more subnets cover, each once: a sweep over the subnets' starts and
 * ends (one band per covered stretch, not one per overlapping pair, which can be thousands).
 */
function overlapsOn(axis: Axis): { start: bigint; end: bigint }[] {
  // At one address ends come first: an end is the first address past its range, so ranges that only touch do not overlap.
  const events = axis.subnets.flatMap((s) => [{ at: s.cidr.start, step: 1 }, { at: s.cidr.end + 1n, step: -1 }]);
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.step - b.step));
  const out: { start: bigint; end: bigint }[] = [];
  let depth = 0;
  let from = 0n;
  for (const e of events) {
    const before = depth;
    depth += e.step;
    if (before < 2 && depth >= 2) from = e.at;
    else if (before >= 2 && depth < 2) {
      const last = out[out.length - 1];
      if (last && last.end + 1n === from) last.end = e.at - 1n;
      else out.push({ start: from, end: e.at - 1n });
    }
  }
  return out;
}

function notes(map: AddressMap): string {
  const items: string[] = [];
  for (const o of map.overlaps)
    items.push(`<li class="bad">Overlap: ${esc(o.a)} and ${esc(o.b)} share ${esc(describeRange(o.start, o.end, o.family))}</li>`);
  if (map.overlapCount > map.overlaps.length) items.push(`<li class="bad">And ${plural(map.overlapCount - map.overlaps.length, 'more overlapping pair')}</li>`);
  for (const o of map.outside) items.push(`<li class="bad">Outside the address space: ${name(o.name)} ${esc(o.prefix)}</li>`);
  for (const i of map.invalid) items.push(`<li class="bad">Not a valid prefix: ${i.name === undefined ? '' : `${name(i.name)} `}${esc(i.prefix)}</li>`);
  for (const axis of map.axes)
    if (!axis.derived && axis.free.length) {
      const blocks = axis.free.flatMap((r) => rangeToCidrs(r.start, r.end, axis.cidr.family));
      const shown = blocks.slice(0, 12).map(esc).join(', ');
      items.push(`<li>Unallocated in ${esc(axis.cidr.text)}: ${shown}${blocks.length > 12 ? `, and ${blocks.length - 12} more blocks` : ''}</li>`);
    }
  return items.length ? `<ul class="notes">${items.join('')}</ul>` : '';
}

function subnetTable(subnets: ShownSubnet[], map: AddressMap, anchors: Map<Diagnostic, string>): string {
  if (subnets.length === 0) return '<p class="none">No subnet declared.</p>';
  const overlapping = map.overlapping;
  const rows = subnets.map(({ summary: s, id, findings }, i) => {
    const prefixes = s.prefixes.length ? s.prefixes.map(esc).join(', ') : '';
    const unknown = s.unknownPrefixes ? `<span class="muted">${plural(s.unknownPrefixes, 'prefix')} not known</span>` : '';
    const flags = [
      s.gatewaySubnet ? '<span class="tag gw">GatewaySubnet</span>' : '',
      ...s.gateways.map((g) => `<span class="tag">gateway ${esc(g)}</span>`),
      s.prefixes.some((p) => overlapping.has(`${s.name ?? '(unknown name)'} ${p}`)) ? '<span class="tag bad">overlap</span>' : '',
      s.prefixes.some((p) => map.outside.some((o) => o.prefix === p && o.name === s.name)) ? '<span class="tag bad">outside</span>' : '',
    ].filter(Boolean);
    const links = findings.map((d) => `<a class="level ${d.level}" href="#${anchors.get(d)}">${toLineColumn(d.span).line}:${toLineColumn(d.span).column} ${esc(d.ruleId)}</a>`);
    const swatch = `<span class="swatch ${s.gatewaySubnet ? 'gw' : `c${i % 8}`}"></span>`;
    return `<tr id="${id}"${s.gatewaySubnet ? ' class="gw-row"' : ''}><td>${swatch}${name(s.name)}</td><td>${prefixes}${prefixes && unknown ? ' ' : ''}${unknown}</td><td>${flags.join(' ')}</td><td class="links">${links.join(' ')}</td></tr>`;
  });
  return `<table class="subnets"><colgroup><col class="name"><col class="prefixes"><col class="flags"><col class="found"></colgroup><thead><tr><th>Subnet</th><th>Prefixes</th><th></th><th>Findings</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Rules whose findings sit on secret values: their source lines are never quoted. */
function sensitiveRules(rules: readonly RuleMeta[]): ReadonlySet<string> {
  return new Set(rules.filter((r) => r.sensitive).map((r) => r.id));
}

function fileBlock(file: FileResult, cwd: string, sensitive: ReadonlySet<string>, anchors: Map<Diagnostic, string>): string {
  const diagnostics = shownDiagnostics(file);
  const lines = new Map<string, string>();
  const rows = diagnostics.map((d) => findingRow(d, anchors.get(d)!, cwd, sensitive.has(d.ruleId) ? undefined : lines)).join('');
  return `<details class="file" open>
<summary><span class="path">${esc(displayPath(file.path, cwd))}</span> <span class="muted">${plural(diagnostics.length, 'finding')}</span></summary>
<table class="findings"><colgroup><col class="pos"><col class="level"><col><col class="rule"></colgroup><tbody>${rows}</tbody></table>
</details>`;
}

/** `lines` caches source lines; none for rules whose lines are not shown. */
function findingRow(d: Diagnostic, id: string, cwd: string, lines: Map<string, string> | undefined): string {
  const at = toLineColumn(d.span);
  const lineText = lines ? sourceLine(d, lines) : '';
  const related = d.related
    .map((r) => {
      const rel = toLineColumn(r.span);
      return `<li>${esc(`${displayPath(r.span.file.path, cwd)}:${rel.line}:${rel.column}`)} ${esc(r.message)}</li>`;
    })
    .join('');
  return `<tr id="${id}" class="${d.level}"><td class="pos">${at.line}:${at.column}</td><td><span class="level ${d.level}">${d.level}</span></td><td class="msg">${esc(d.message)}${
    lineText ? `<pre>${esc(lineText)}</pre>` : ''
  }${related ? `<ul class="related">${related}</ul>` : ''}${d.fix ? `<p class="fix">Fix: ${esc(d.fix.description)}</p>` : ''}</td><td class="rule">${esc(d.ruleId)}</td></tr>`;
}

/** The source line a finding starts on, trimmed and cut at 240 characters, for context. */
function sourceLine(d: Diagnostic, lines: Map<string, string>): string {
  const file = d.span.file;
  const { line } = file.position(d.span.start);
  const key = `${file.path}\0${line}`;
  let shown = lines.get(key);
  if (shown === undefined) {
    // Found by index, once per line: a minified template is one line of megabytes, shared by all its findings.
    const text = file.text;
    let start = file.offsetAt(line, 0);
    let end = file.offsetAt(line + 1, 0);
    while (start < end && text[start].trim() === '') start++;
    while (end > start && text[end - 1].trim() === '') end--;
    shown = end - start > 240 ? `${text.slice(start, start + 240)}…` : text.slice(start, end);
    lines.set(key, shown);
  }
  return shown;
}

function name(n: string | undefined): string {
  return n === undefined ? '<span class="muted">(name not known)</span>' : `<strong>${esc(n)}</strong>`;
}

function describeRange(start: bigint, end: bigint, family: 4 | 6): string {
  const count = end - start + 1n;
  return `${formatAddress(start, family)} – ${formatAddress(end, family)} (${count.toLocaleString('en-US')} ${count === 1n ? 'address' : 'addresses'})`;
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const LEVEL_OUTLINE: Record<Level, string> = { error: 'var(--err)', warning: '#bf8700', info: 'var(--info)' };

const STYLE = `
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--err:#cf222e;--warn:#9a6700;--info:#0969da;--gw:#fb8500}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 24px;background:#24292f;color:#fff}
header h1{margin:0 0 4px;font-size:20px}
.summary{margin:0;font-weight:600}
.summary.has-errors::before{content:"";display:inline-block;width:10px;height:10px;border-radius:50%;background:#ff6b6b;margin-right:8px}
.summary.has-warnings::before{content:"";display:inline-block;width:10px;height:10px;border-radius:50%;background:#f4c542;margin-right:8px}
.summary.clean::before{content:"";display:inline-block;width:10px;height:10px;border-radius:50%;background:#4ac26b;margin-right:8px}
main{padding:8px 24px 32px;max-width:1200px}
h2{border-bottom:1px solid var(--line);padding-bottom:4px}
h3,.msg,.related,.notes,.subnets td{overflow-wrap:anywhere}
.vnet{border:1px solid var(--line);border-radius:6px;padding:8px 16px 12px;margin:12px 0}
.vnet h3{margin:4px 0}
.where,.muted{color:var(--muted);font-weight:normal;font-size:12px}
.axis{margin:8px 0}
.axis figcaption{font-family:ui-monospace,monospace;font-size:12px;margin-bottom:2px}
.bar{position:relative;background:#eef1f4;border:1px solid #8c959f;border-radius:3px;overflow:hidden}
.free{position:absolute;top:0;bottom:0;background:repeating-linear-gradient(45deg,#f6f8fa 0 6px,#d8dee4 6px 8px)}
.seg{position:absolute;display:block;height:${LANE_HEIGHT - 2}px;min-width:3px;border:1px solid rgba(0,0,0,.35);border-radius:2px;overflow:hidden;white-space:nowrap;font:11px/${LANE_HEIGHT - 4}px ui-monospace,"DejaVu Sans Mono",monospace;padding:0 5px;color:#fff;text-decoration:none;container-type:inline-size}
.seg span{visibility:hidden;text-shadow:0 0 2px rgba(0,0,0,.6)}
.c0{background:#2f81f7}.c1{background:#1a7f37}.c2{background:#8250df}.c3{background:#0598bc}.c4{background:#bf3989}.c5{background:#4d2d00}.c6{background:#116329}.c7{background:#6639ba}
.seg.gw,.swatch.gw{background:var(--gw)}
.seg.gw{border:2px solid #8a4500;color:#111;font-weight:700}
.seg.gw span{text-shadow:none}
${(['error', 'warning', 'info'] as const).map((l) => `.seg.flagged.${l}{outline:3px solid ${LEVEL_OUTLINE[l]};outline-offset:-3px}`).join('\n')}
.overlap{position:absolute;top:0;bottom:0;background:repeating-linear-gradient(-45deg,rgba(207,34,46,.65) 0 4px,rgba(207,34,46,.15) 4px 8px);border-left:2px solid var(--err);border-right:2px solid var(--err);pointer-events:none}
.notes{margin:6px 0;padding-left:20px}
.scale{margin:2px 0 6px}
.notes .bad,.tag.bad{color:var(--err)}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{border-top:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
col.name{width:24%}col.prefixes{width:18%}col.flags{width:24%}
col.pos{width:76px}col.level{width:96px}col.rule{width:250px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;border:1px solid rgba(0,0,0,.35)}
.gw-row td{background:#fff4e5}
.links a{display:block;font-size:12px;font-family:ui-monospace,monospace}
:target{background:#fff8c5}
:target td{background:#fff8c5}
.tag{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 6px;font-size:12px}
.tag.gw{background:var(--gw);color:#111;border-color:#8a4500}
details.file{border:1px solid var(--line);border-radius:6px;margin:10px 0}
details.file summary{padding:6px 12px;background:#f6f8fa;cursor:pointer;overflow-wrap:anywhere}
.path{font-family:ui-monospace,monospace;font-weight:600}
.pos{font-family:ui-monospace,monospace;color:var(--muted)}
.level{font-weight:600;white-space:nowrap}
.level.error{color:var(--err)}.level.warning{color:var(--warn)}.level.info{color:var(--info)}
.rule{font-family:ui-monospace,monospace;color:var(--muted)}
pre{margin:4px 0;padding:4px 6px;background:#f6f8fa;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px}
.related{margin:2px 0;padding-left:18px;color:var(--muted);font-size:12px}
.fix{margin:2px 0;font-size:12px;color:#1a7f37}
.none{color:var(--muted)}
`;
