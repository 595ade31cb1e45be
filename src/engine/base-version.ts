import { SourceFile } from '../core/source.js';
import { Model } from '../model/model.js';
import type { ModelOptions } from '../model/model.js';
import type { ParamFileIR, TemplateIR } from '../parse/ir.js';
import { parseArmJson } from '../parse/arm/template.js';
import type { BaseRevision } from './base-revision.js';
import type { ParsedFile, VirtualFile } from './files.js';
import { isBicepParamPath } from './files.js';
import { templatesFor } from './pairing.js';

/**
 * The base revision inside lint(): its files, parsed on demand by the same front ends, and the base model
 * of a head model, built by the same Model from the base versions of the files the head model reads.
 */
export class BaseVersion {
  /** Paths whose text differs between the versions: changed, renamed, deleted or added. */
  readonly changed: ReadonlySet<string>;
  readonly label: string;
  private readonly byPath: Map<string, VirtualFile>;
  private readonly parsed = new Map<string, ParsedFile | undefined>();
  private readonly deleted: ReadonlySet<string>;

  constructor(
    revision: BaseRevision,
    head: ReadonlyMap<string, VirtualFile>,
    private readonly parseFile: (file: VirtualFile) => ParsedFile,
  ) {
    this.label = revision.label;
    this.byPath = new Map(head);
    for (const p of revision.added) this.byPath.delete(p);
    for (const f of revision.files) this.byPath.set(f.path, f);
    this.changed = new Set([...revision.files.map((f) => f.path), ...revision.added]);
    this.deleted = new Set(revision.deleted);
  }

  /** The base version of a file (the head version when it did not change), parsed once. */
  parse(p: string): ParsedFile | undefined {
    if (!this.parsed.has(p)) {
      const file = this.byPath.get(p);
      this.parsed.set(p, file && this.parseFile(file));
    }
    return this.parsed.get(p);
  }

  /** Whether the file was deleted since the base revision (it is in the base revision only). */
  isDeleted(p: string): boolean {
    return this.deleted.has(p);
  }

  /** Templates of the base revision deleted since (not renamed). */
  deletedTemplates(): string[] {
    return [...this.deleted].filter((p) => !isBicepParamPath(p) && this.parse(p)?.template !== undefined);
  }

  /**
   * The base model of a head model: the same root template, parameters file and sibling templates, read
   * from the base revision. Undefined when none of the files the head model reads changed (the base model
   * would be the same: only changed files and what they reach are evaluated twice), and when the root
   * template or its parameters file is new.
   */
  modelFor(head: Model, options: ModelOptions): Model | undefined {
    const root = head.root.template.file.path;
    // The head's parameters file is new, or there is none: the base deployed with one deleted since, if any.
    const sameParameters = this.paramFile(options.paramFile);
    const deletedParameters = sameParameters ? undefined : this.deletedParametersOf(root);
    const reads = [...head.instances.map((i) => i.template.file.path), options.paramFile?.file.path];
    if (!deletedParameters && !reads.some((p) => p !== undefined && this.changed.has(p))) return undefined;
    const template = this.parse(root)?.template;
    if (!template) return undefined;
    const paramFile = sameParameters ?? deletedParameters;
    if (options.paramFile && !paramFile) return undefined;
    const siblings = (options.siblings ?? []).flatMap((s) => {
      const t = this.parse(s.template.file.path)?.template;
      return t ? [{ template: t, paramFile: this.paramFile(s.paramFile) }] : [];
    });
    return new Model(template, { ...options, paramFile, siblings, overrides: undefined, onUnresolvedRegistryModule: undefined, onUnresolvedModule: undefined, loadTemplate: (p) => this.parse(p)?.template });
  }

  private paramFile(head: ParamFileIR | undefined): ParamFileIR | undefined {
    return head && this.parse(head.file.path)?.parameters;
  }

  /** The one parameters file of `template` deleted since the base revision (renamed past git's notice too). */
  private deletedParametersOf(template: string): ParamFileIR | undefined {
    const parse = (p: string) => this.parse(p);
    const found = [...this.deleted].filter((p) => templatesFor(p, parse).includes(template)).flatMap((p) => parse(p)?.parameters ?? []);
    return found.length === 1 ? found[0] : undefined;
  }
}

/** A template with no resources at a path: the head version of a template deleted since the base revision. */
export function emptyTemplate(p: string): TemplateIR {
  return parseArmJson(new SourceFile(p, '{"contentVersion": "1.0.0.0", "resources": []}')).template!;
}
