import { TypeBaseKind } from '@azure/bicep-types';
import type { BicepType, ObjectType, ResourceType, TypeReference } from '@azure/bicep-types';

/**
 * Read-only navigation over a bicep-types model (the `BicepType[]` held by a `TypeFactory` or returned
 * by `readTypesJson`). Works the same on the in-memory model and on a parsed types.json, so a model
 * loaded from Azure/bicep-types-az can replace the built-in one without touching the callers.
 */

/** Path segment that steps from an array type into its item type. */
export const ARRAY_ITEM = '*';

/** The resource type whose name is `type@<any api-version>`, compared case-insensitively. */
export function findResourceType(types: readonly BicepType[], resourceType: string): ResourceType | undefined {
  const wanted = resourceType.toLowerCase();
  return types.find(
    (t): t is ResourceType =>
      t.type === TypeBaseKind.ResourceType && t.name.split('@')[0].toLowerCase() === wanted,
  );
}

/** The object type with this exact name. */
export function findObjectType(types: readonly BicepType[], name: string): ObjectType | undefined {
  return types.find((t): t is ObjectType => t.type === TypeBaseKind.ObjectType && t.name === name);
}

/**
 * The type reached from `start` by following object property names and `ARRAY_ITEM` steps.
 * Undefined when a segment does not exist.
 */
export function typeAt(
  types: readonly BicepType[],
  start: TypeReference,
  path: readonly string[],
): TypeReference | undefined {
  let current: TypeReference | undefined = start;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const t: BicepType = types[current.index];
    if (segment === ARRAY_ITEM) {
      current = t.type === TypeBaseKind.ArrayType ? t.itemType : undefined;
    } else {
      current = t.type === TypeBaseKind.ObjectType ? t.properties[segment]?.type : undefined;
    }
  }
  return current;
}

/** The string literal values of a literal or (nested) union type, in declaration order, without duplicates. */
export function stringLiterals(types: readonly BicepType[], ref: TypeReference): string[] {
  const values = new Set<string>();
  const visit = (r: TypeReference): void => {
    const t = types[r.index];
    if (t.type === TypeBaseKind.StringLiteralType) values.add(t.value);
    else if (t.type === TypeBaseKind.UnionType) t.elements.forEach(visit);
  };
  visit(ref);
  return [...values];
}

/**
 * True when a union also admits any string: the bicep-types encoding of an open (`modelAsString`) enum,
 * for which Bicep itself only warns about unknown values.
 */
export function isOpenEnum(types: readonly BicepType[], ref: TypeReference): boolean {
  const t = types[ref.index];
  return (
    t.type === TypeBaseKind.UnionType &&
    t.elements.some((e) => {
      const kind = types[e.index].type;
      return kind === TypeBaseKind.StringType || (kind === TypeBaseKind.UnionType && isOpenEnum(types, e));
    })
  );
}

/** The literals of the enum found at `path` inside a resource body; throws if the model lacks it. */
export function resourceEnum(types: readonly BicepType[], resourceType: string, path: readonly string[]): string[] {
  const resource = findResourceType(types, resourceType);
  const ref = resource && typeAt(types, resource.body, path);
  if (ref === undefined) throw new Error(`type model has no ${resourceType} ${path.join('.')}`);
  return stringLiterals(types, ref);
}

/** The literals of a property of a named object type; throws if the model lacks it. */
export function objectEnum(types: readonly BicepType[], objectName: string, property: string): string[] {
  const ref = findObjectType(types, objectName)?.properties[property]?.type;
  if (ref === undefined) throw new Error(`type model has no ${objectName}.${property}`);
  return stringLiterals(types, ref);
}
