import { canonicalValue, gatewayTypes, skuFamilies } from '../knowledge/gateway.js';
import type { GatewayFamily } from '../knowledge/gateway.js';
import type { Expr } from '../expr/ast.js';
import { isObjectValue } from '../expr/value.js';
import type { Value } from '../expr/value.js';
import type { Located, Segment } from './locate.js';
import { pathUnder, writtenInPlace, writtenNode } from './locate.js';
import type { Network, Subnet, SubnetTarget } from './network.js';
import { nameKey, parseSubnetId } from './network.js';
import type { ModelResource } from './resource.js';
import { resourceName } from './wording.js';
import { memoKey } from './memo.js';

/** One ip configuration of a virtual network gateway and the subnet it points at. */
export interface GatewayIpConfig {
  index: number;
  /** `properties.ipConfigurations[i].properties.subnet.id`, located. */
  subnetId: Located;
  /** The subnet named by the id, when the id (or its known tail) can be read. */
  target?: SubnetTarget;
  publicIpId: Located;
}

/** The settings of a `Microsoft.Network/virtualNetworkGateways` resource that rules read. */
export class Gateway {
  constructor(readonly resource: ModelResource) {}

  prop(...path: Segment[]): Located {
    return this.located(path);
  }

  /**
   * A value under `properties`. Rules read a dozen properties of every gateway, mostly written in place in
   * its `properties` object: they are read from that object, not found again from the top of the body
   * (what literals lead to, `locate` from the top answers the same).
   */
  private located(path: Segment[]): Located {
    const own = (this.properties ??= writtenNode(this.resource.decl.body, PROPERTIES) ?? null);
    return (own && writtenInPlace(own, this.resource.frame, path)) || this.resource.get(underProperties(path));
  }

  /** The gateway's `properties` object when the body writes it in place (null when it does not). */
  private properties?: Expr | null;

  /** The value of a property when it is a known string. */
  text(...path: (string | number)[]): string | undefined {
    // Rules read the same few properties (gatewayType, sku.name) of every gateway again and again. The key of
    // `sku.name`, which nearly every gateway rule reads, is made once: joining it on each call made a new string to hash.
    const key = path.length === 1 ? path[0] : path.length === 2 && path[0] === 'sku' && path[1] === 'name' ? SKU_NAME_KEY : path.join('\u0000');
    if (this.texts.has(key)) return this.texts.get(key);
    const v = this.located(path).value;
    const text = typeof v === 'string' ? v : undefined;
    this.texts.set(key, text);
    return text;
  }

  /** text's answers, by path. */
  private readonly texts = new Map<string | number, string | undefined>();

  /** A boolean property: `true`/`false`, or the strings `'true'`/`'false'` ARM also accepts; undefined otherwise. */
  flag(...path: (string | number)[]): boolean | undefined {
    return flagOf(this.located(path).value);
  }

  /**
   * Whether the gateway has point-to-site: a `vpnClientConfiguration` with client address prefixes
   * (`vpnClientAddressPool.addressPrefixes`), which point-to-site cannot do without. False when the
   * configuration is absent, `null`, or has no prefixes (templates often pass `{}` or empty strings);
   * undefined when it is unknown.
   */
  get pointToSite(): boolean | undefined {
    const config = this.prop('vpnClientConfiguration').value;
    if (config === undefined || config === null) return false;
    if (!isObjectValue(config)) return typeof config === 'string' ? false : undefined;
    const pool = config.vpnClientAddressPool;
    if (pool === undefined || pool === null || typeof pool === 'string') return false;
    if (!isObjectValue(pool)) return undefined;
    const prefixes = pool.addressPrefixes;
    if (prefixes === undefined || prefixes === null) return false;
    if (!Array.isArray(prefixes)) return undefined;
    if (prefixes.length === 0) return false;
    return prefixes.some((p) => typeof p === 'string' && p !== '') ? true : prefixes.every((p) => p === '' || p === null) ? false : undefined;
  }

  get gatewayType(): Located {
    return this.prop('gatewayType');
  }

  get skuName(): Located {
    return this.prop('sku', 'name');
  }

  get ipConfigs(): GatewayIpConfig[] {
    return (this.configs ??= this.readIpConfigs());
  }

  private configs?: GatewayIpConfig[];
  private placedIn?: Subnet[];

  private readIpConfigs(): GatewayIpConfig[] {
    // Each configuration's subnet and public IP ids are located (and evaluated) below: the list itself is only counted.
    const count = this.resource.length(['properties', 'ipConfigurations']);
    const configs: GatewayIpConfig[] = [];
    for (let index = 0; index < count; index++) {
      const subnetId = this.prop('ipConfigurations', index, 'properties', 'subnet', 'id');
      configs.push({
        index,
        subnetId,
        target: subnetId.value === undefined ? undefined : parseSubnetId(subnetId.value),
        publicIpId: this.prop('ipConfigurations', index, 'properties', 'publicIPAddress', 'id'),
      });
    }
    return configs;
  }

  /** The subnets of the model this gateway's ip configurations point at. */
  subnets(network: Network): Subnet[] {
    return (this.placedIn ??= this.findSubnets(network));
  }

  private findSubnets(network: Network): Subnet[] {
    // A list rather than a set: a gateway has one or two ip configurations.
    const out: Subnet[] = [];
    const subnets = this.configSubnets(network);
    for (let i = 0; i < subnets.length; i++) {
      const s = subnets[i];
      if (s && !out.includes(s)) out.push(s);
    }
    return out;
  }

  /** The subnet of the model each ip configuration points at, looked up once: placements and subnets both ask. */
  private configSubnets(network: Network): (Subnet | undefined)[] {
    return (this.targets ??= this.ipConfigs.map((c) => c.target && network.subnetFor(c.target)));
  }

  private targets?: (Subnet | undefined)[];

  /**
   * `Vpn` or `ExpressRoute`: the known `gatewayType`, or, when gatewayType is unknown or absent, the family
   * of a SKU that belongs to one family only (`VpnGw1AZ`, not `Standard`). Undefined otherwise, and for
   * `LocalGateway` or an unknown gatewayType value.
   */
  get family(): GatewayFamily | undefined {
    // Most gateway rules ask first: read once per gateway (two property walks).
    if (this.familyRead === undefined) this.familyRead = { family: this.readFamily() };
    return this.familyRead.family;
  }

  private familyRead?: { family: GatewayFamily | undefined };

  private readFamily(): GatewayFamily | undefined {
    const type = this.text('gatewayType');
    if (type !== undefined) {
      const canonical = canonicalValue(gatewayTypes(), type);
      return canonical === 'Vpn' || canonical === 'ExpressRoute' ? canonical : undefined;
    }
    const sku = this.text('sku', 'name');
    const families = sku === undefined ? [] : skuFamilies(sku);
    return families.length === 1 ? families[0] : undefined;
  }

  /**
   * Where this gateway's ip configurations place it, as comparison keys (see nameKey): `vnet/subnet` of the
   * declared subnet an ip configuration points at, or of an id naming a VNet's `GatewaySubnet` (any casing)
   * when that subnet is not declared here. One entry per subnet, with the first ip configuration that
   * points there. Ids whose VNet or subnet name is unknown place the gateway nowhere.
   */
  placements(network: Network): { key: string; vnetKey: string; config: GatewayIpConfig }[] {
    const out = new Map<string, { key: string; vnetKey: string; config: GatewayIpConfig }>();
    const subnets = this.configSubnets(network);
    for (let i = 0; i < subnets.length; i++) {
      const config = this.ipConfigs[i];
      if (!config.target) continue;
      const subnet = subnets[i];
      const vnetKey = subnet ? nameKey(subnet.vnetName) : config.target.vnetKey;
      const subnetKey = subnet ? nameKey(subnet.name) : config.target.subnetKey;
      if (vnetKey === undefined || subnetKey === undefined) continue;
      if (!subnet && subnetKey !== 'gatewaysubnet') continue;
      const key = `${vnetKey}/${subnetKey}`;
      if (!out.has(key)) out.set(key, { key, vnetKey, config });
    }
    return [...out.values()];
  }

  /** `gateway 'name'` (with another noun: `VPN gateway 'name'`); see resourceName for unknown names. */
  named(noun = 'gateway'): string {
    return describeResource(noun, this.resource);
  }

  /** A display name for messages. */
  get label(): string {
    return resourceName(this.resource);
  }
}

/** Gateway.text's key for `sku.name`. */
const SKU_NAME_KEY = 'sku\u0000name';

/** A boolean property's value: `true`/`false`, or the strings `'true'`/`'false'` ARM also accepts; undefined otherwise. */
export function flagOf(v: Value | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  return typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : undefined;
}

/** `['properties', ...path]`. */
function underProperties(path: readonly Segment[]): Segment[] {
  return pathUnder(NO_SEGMENTS, 'properties', path);
}

const NO_SEGMENTS: readonly Segment[] = [];
const PROPERTIES: readonly Segment[] = ['properties'];

/**
 * A resource for messages: `public IP 'name'`, `public IP pip (symbolic name)` or `public IP on line 12`
 * (see resourceName). Start a sentence with `capitalize(…)`.
 */
export function describeResource(noun: string, resource: ModelResource): string {
  return `${noun} ${resourceName(resource)}`;
}

/** The text with its first letter in upper case. */
/** `a`, `a and b`, `a, b and c`: a list inside a message. */
export function listOf(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const GATEWAYS = memoKey<Gateway[]>('gateways');

/** The gateways of a network, made once per model so that what they read is read once. */
export function gatewaysOf(network: Network): Gateway[] {
  return network.memo.get(GATEWAYS, () => network.gateways.map((g) => new Gateway(g)));
}

/** A gateway placed in a VNet, by the ip configuration that puts it there. */
export interface PlacedGateway {
  gateway: Gateway;
  config: GatewayIpConfig;
  /** The VNet's comparison key. */
  vnetKey: string;
}

/**
 * The gateways that are certainly deployed (condition known true, not `existing`), grouped by the gateway
 * subnet they are placed in (see `Gateway.placements`; the key is `vnet/subnet`), in declaration order.
 * Gateways with a condition are left out: two conditional gateways are often alternatives. A gateway
 * declared twice (same id) counts once.
 */
export function deployedGatewaysBySubnet(network: Network): ReadonlyMap<string, readonly PlacedGateway[]> {
  return network.memo.get(PLACED, () => placeGateways(network));
}

/** deployedGatewaysBySubnet's answers: several rules ask, and each gateway's placement evaluates its ip configurations. */
const PLACED = memoKey<ReadonlyMap<string, readonly PlacedGateway[]>>('gateways by subnet');

function placeGateways(network: Network): Map<string, PlacedGateway[]> {
  const out = new Map<string, PlacedGateway[]>();
  const ids = new Set<string>();
  for (const gateway of gatewaysOf(network)) {
    const resource = gateway.resource;
    if (resource.condition !== true || resource.existing) continue;
    const id = resource.idKey;
    if (id !== undefined && ids.has(id)) continue;
    if (id !== undefined) ids.add(id);
    for (const { key, vnetKey, config } of gateway.placements(network)) {
      const list = out.get(key) ?? [];
      list.push({ gateway, config, vnetKey });
      out.set(key, list);
    }
  }
  return out;
}
