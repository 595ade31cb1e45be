import type { ModelResource } from './resource.js';

/**
 * An instance's resources by evaluated name (lower case), for `reference()`. Without it each look-up
 * scans every resource, which is quadratic on templates with thousands of resources. The list only grows
 * while the model is built, so the index takes in the resources added since the last look-up; each name
 * is evaluated once, as the scan did.
 */
export class ResourceIndex {
  private readonly byName = new Map<string, ModelResource[]>();
  private indexed = 0;

  constructor(private readonly resources: readonly ModelResource[]) {}

  /** Resources whose full name, evaluated and lower-cased, is `lowerName`, in declaration order. */
  withName(lowerName: string): readonly ModelResource[] {
    while (this.indexed < this.resources.length) {
      // Counted before the name is evaluated: a name that calls reference() looks further, not again.
      const r = this.resources[this.indexed++];
      const name = r.name;
      if (typeof name !== 'string') continue;
      const key = name.toLowerCase();
      const list = this.byName.get(key);
      if (list) list.push(r);
      else this.byName.set(key, [r]);
    }
    return this.byName.get(lowerName) ?? [];
  }
}
