import type { Expr } from '../expr/ast.js';
import { objectProp } from '../expr/ast.js';
import { Gateway, flagOf } from './gateway.js';
import type { Located, PathSegment } from './locate.js';
import type { IdTarget } from './lookup.js';
import { parseIdTarget, resourceById } from './lookup.js';
import type { Model } from './model.js';
import type { Network, Subnet } from './network.js';
import { VNET, nameKey } from './network.js';
import type { ModelResource } from './resource.js';
import { resourceName } from './wording.js';

export const CONNECTION = 'Microsoft.Network/connections';
export const LOCAL_GATEWAY = 'Microsoft.Network/localNetworkGateways';
export const EXPRESS_ROUTE_CIRCUIT = 'Microsoft.Network/expressRouteCircuits';

/** The properties of a connection that name another resource by id. */
export type ConnectionEnd = 'virtualNetworkGateway1' | 'virtualNetworkGateway2' | 'localNetworkGateway2' | 'peer';

/** One end of a connection: the id as written and, when declared in the linted files, the resource it names. */
export interface ConnectionRef {
  end: ConnectionEnd;
  /** `properties.<end>.id`, located; its value is `undefined` when the property is absent. */
  id: Located;
  /** The type and name the id gives, when its type is known. */
  target?: IdTarget;
  /** The resource declared in the model; undefined when it is not declared here (it is then Unknown). */
  resource?: ModelResource;
}

/** The settings of a `Microsoft.Network/connections` resource that rules read. */
export class Connection {
  private readonly refs = new Map<ConnectionEnd, ConnectionRef>();

  constructor(
    readonly resource: ModelResource,
    private readonly model: Model,
  ) {}

  prop(...path: PathSegment[]): Located {
    return this.resource.get(['properties', ...path]);
  }

  /** The value of a property when it is a known string. */
  text(...path: PathSegment[]): string | undefined {
    const v = this.prop(...path).value;
    return typeof v === 'string' ? v : undefined;
  }

  /** A boolean property: `true`/`false`, or the strings `'true'`/`'false'` ARM also accepts; undefined otherwise. */
  flag(...path: PathSegment[]): boolean | undefined {
    return flagOf(this.prop(...path).value);
  }

  /** Whether a property under `properties` is written in the declaration (see `writesProperty`). */
  writes(...path: string[]): boolean | undefined {
    return writesProperty(this.resource, ['properties', ...path]);
  }

  get connectionType(): Located {
    return this.prop('connectionType');
  }

  /** `virtualNetworkGateway1`, `virtualNetworkGateway2`, `localNetworkGateway2` or `peer`, resolved. */
  ref(end: ConnectionEnd): ConnectionRef {
    let r = this.refs.get(end);
    if (!r) {
      const id = this.prop(end, 'id');
      r = { end, id, target: parseIdTarget(id.value), resource: resourceById(this.model, id.value) };
      this.refs.set(end, r);
    }
    return r;
  }

  /** The virtual network gateway an end names, when it is declared here and is a gateway. */
  gateway(end: 'virtualNetworkGateway1' | 'virtualNetworkGateway2'): Gateway | undefined {
    const r = this.ref(end).resource;
    return r && r.typeLower === 'microsoft.network/virtualnetworkgateways' ? new Gateway(r) : undefined;
  }

  /** The local network gateway `localNetworkGateway2` names, when it is declared here and is one. */
  get localGateway(): ModelResource | undefined {
    const r = this.ref('localNetworkGateway2').resource;
    return r && r.typeLower === LOCAL_GATEWAY.toLowerCase() ? r : undefined;
  }

  /** A display name for messages. */
  get label(): string {
    return resourceName(this.resource);
  }
}

/**
 * Whether a property is written in a resource's declaration: `false` when an object (or array) literal on
 * the way lacks it, `undefined` when the way goes through an expression (a parameter, a variable, a condition),
 * whose shape depends on values. A property written as an expression that evaluates to null counts as
 * written: generic modules pass optional settings that way, and their callers fill them in.
 */
export function writesProperty(resource: ModelResource, path: readonly PathSegment[]): boolean | undefined {
  let node: Expr | undefined = resource.decl.body;
  for (const key of path) {
    if (node?.kind === 'array' && typeof key === 'number') node = node.items[key];
    else if (node?.kind === 'object' && typeof key === 'string') node = objectProp(node, key)?.value;
    else return undefined;
    if (!node) return false;
  }
  return true;
}

/** Every connection of the model (not `existing` ones, whose settings are runtime state). */
export function connectionsOf(model: Model): Connection[] {
  return model.ofType(CONNECTION).filter((r) => !r.existing).map((r) => new Connection(r, model));
}

/** A Vnet2Vnet connection whose two gateways are declared in the model. */
export interface VnetToVnetLink {
  connection: Connection;
  from: Gateway;
  to: Gateway;
}

/** The Vnet2Vnet connections among `connections` whose two ends are gateways declared in the model. */
export function vnetToVnetLinks(connections: readonly Connection[]): VnetToVnetLink[] {
  return connections.flatMap((connection) => {
    if (connection.text('connectionType')?.toLowerCase() !== 'vnet2vnet') return [];
    const from = connection.gateway('virtualNetworkGateway1');
    const to = connection.gateway('virtualNetworkGateway2');
    return from && to ? [{ connection, from, to }] : [];
  });
}

/** A resource's name for messages (see resourceName). */
export function labelOf(resource: ModelResource): string {
  return resourceName(resource);
}

/**
 * The virtual network a subnet belongs to, when it is declared in the model: the VNet that declares an
 * inline subnet, the parent of a child subnet resource, or the VNet whose name a `vnet/subnet` resource
 * carries (exactly one).
 */
export function vnetOf(network: Network, subnet: Subnet): ModelResource | undefined {
  if (subnet.resource.typeLower === VNET.toLowerCase()) return subnet.resource;
  const parent = subnet.resource.parent;
  if (parent && parent.typeLower === VNET.toLowerCase()) return parent;
  const key = nameKey(subnet.vnetName);
  if (key === undefined) return undefined;
  const found = network.vnetsNamed(key);
  return found.length === 1 ? found[0] : undefined;
}

/** The virtual networks a gateway is deployed into (through its ip configurations' GatewaySubnet), when declared. */
export function gatewayVnets(network: Network, gateway: Gateway): ModelResource[] {
  const out = new Set<ModelResource>();
  for (const s of gateway.subnets(network)) {
    const v = vnetOf(network, s);
    if (v) out.add(v);
  }
  return [...out];
}
