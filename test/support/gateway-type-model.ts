import { ObjectTypePropertyFlags as Flags, ScopeType, TypeFactory, writeTypesJson } from '@azure/bicep-types';
import type { BicepType, ObjectTypeProperty, TypeReference } from '@azure/bicep-types';
import {
  ADMIN_STATES,
  CONNECTION_AUTHENTICATION_TYPES,
  CONNECTION_MODES,
  CONNECTION_PROTOCOLS,
  CONNECTION_TYPES,
  EXPRESS_ROUTE_SKUS,
  GATEWAY_SKUS,
  GATEWAY_TYPES,
  GATEWAY_TYPES_API_VERSION,
  IP_ALLOCATION_METHODS,
  NAT_RULE_MODES,
  NAT_RULE_TYPES,
  P2S_AUTH_TYPES,
  P2S_PROTOCOLS,
  PUBLIC_IP_SKU_NAMES,
  PUBLIC_IP_SKU_TIERS,
  RESILIENCY_MODELS,
  RESOURCE_TYPES,
  SKU_FAMILY_OBJECT,
  VPN_GATEWAY_GENERATIONS,
  VPN_SKUS,
  VPN_TYPES,
} from '../../src/knowledge/gateway-types.js';

/**
 * The gateway type model: the resource types, SKU families and enum values of
 * `src/knowledge/gateway-types.ts`, written once here in the @azure/bicep-types format and built with its
 * `TypeFactory` when the module loads. The knowledge tests build it, check it against those lists, and
 * check that `src/knowledge/gateway-types.json` is its `types.json`; lint runs never load it.
 *
 * It is a reduced copy of Azure/bicep-types-az `generated/network/microsoft.network/2025-09-01/types.json`
 * (gateway-facts.md §8, [BTA]): only the properties the rules read, with the same names, flags and open
 * enums (every Azure enum also admits any string). Where the documentation states a bound the schema
 * lacks (for example at most one IPsec policy per connection), the bound is added and its source key
 * is given in the description.
 *
 * `src/knowledge/gateway-types.json` is `gatewayTypesJson()` committed; a test fails when the two drift apart.
 */

/** Small builder vocabulary over `TypeFactory`, so the resource shapes below read like the schema. */
class ModelBuilder {
  readonly factory = new TypeFactory();
  private readonly literals = new Map<string, TypeReference>();
  readonly string = this.factory.addStringType();
  readonly secureString = this.factory.addStringType(true);
  readonly boolean = this.factory.addBooleanType();
  readonly integer = this.factory.addIntegerType();
  readonly subResource = this.object('SubResource', { id: this.prop(this.string) });
  readonly addressSpace = this.object('AddressSpace', { addressPrefixes: this.prop(this.array(this.string)) });
  readonly tags = this.object('ResourceTags', {}, this.string);

  literal(value: string): TypeReference {
    let ref = this.literals.get(value);
    if (ref === undefined) {
      ref = this.factory.addStringLiteralType(value);
      this.literals.set(value, ref);
    }
    return ref;
  }

  /** An Azure enum: the literals plus any string (all §8 enums are open). */
  openEnum(values: readonly string[]): TypeReference {
    return this.factory.addUnionType([...values.map((v) => this.literal(v)), this.string]);
  }

  /** Exactly these literals; used for the SKU family unions. */
  closedEnum(values: readonly string[]): TypeReference {
    return this.factory.addUnionType(values.map((v) => this.literal(v)));
  }

  array(item: TypeReference, maxLength?: number): TypeReference {
    return this.factory.addArrayType(item, undefined, maxLength);
  }

  int(minValue?: number, maxValue?: number): TypeReference {
    return this.factory.addIntegerType(minValue, maxValue);
  }

  prop(type: TypeReference, flags: Flags = Flags.None, description?: string): ObjectTypeProperty {
    return description === undefined ? { type, flags } : { type, flags, description };
  }

  object(name: string, properties: Record<string, ObjectTypeProperty>, additional?: TypeReference): TypeReference {
    return this.factory.addObjectType(name, properties, additional);
  }

  /** `{ id, name, properties }`: the shape of child items such as subnets and ipConfigurations. */
  namedItem(name: string, properties: TypeReference): TypeReference {
    return this.object(name, {
      id: this.prop(this.string),
      name: this.prop(this.string),
      properties: this.prop(properties),
    });
  }

  resource(
    type: string,
    properties: TypeReference,
    options: { propertiesRequired: boolean; topLevel: boolean; extra?: Record<string, ObjectTypeProperty> },
  ): TypeReference {
    const constant = Flags.ReadOnly | Flags.DeployTimeConstant;
    const body = this.object(type, {
      id: this.prop(this.string, constant),
      name: this.prop(this.string, Flags.Required | Flags.DeployTimeConstant | Flags.Identifier),
      type: this.prop(this.literal(type), constant),
      apiVersion: this.prop(this.literal(GATEWAY_TYPES_API_VERSION), constant),
      ...(options.topLevel && {
        location: this.prop(this.string, Flags.DeployTimeConstant),
        tags: this.prop(this.tags),
      }),
      ...options.extra,
      properties: this.prop(properties, options.propertiesRequired ? Flags.Required : Flags.None),
    });
    const name = `${type}@${GATEWAY_TYPES_API_VERSION}`;
    return this.factory.addResourceType(name, body, ScopeType.ResourceGroup, ScopeType.ResourceGroup);
  }
}

function addGatewaySku(b: ModelBuilder): TypeReference {
  const family = (name: string, skus: readonly string[], description: string): void => {
    const union = b.closedEnum(skus);
    b.object(name, { name: b.prop(union, Flags.None, description), tier: b.prop(union) });
  };
  family(SKU_FAMILY_OBJECT.Vpn, VPN_SKUS, "SKUs of gatewayType 'Vpn'. [VPNABOUT-2026] [LEGACYFAQ]");
  family(SKU_FAMILY_OBJECT.ExpressRoute, EXPRESS_ROUTE_SKUS, "SKUs of gatewayType 'ExpressRoute'. [ERGWSKU]");
  const all = b.openEnum(GATEWAY_SKUS);
  return b.object('VirtualNetworkGatewaySku', {
    name: b.prop(all),
    tier: b.prop(all),
    capacity: b.prop(b.integer, Flags.ReadOnly),
  });
}

function addBgpSettings(b: ModelBuilder): TypeReference {
  const peeringAddress = b.object('IPConfigurationBgpPeeringAddress', {
    ipconfigurationId: b.prop(b.string),
    customBgpIpAddresses: b.prop(b.array(b.string), Flags.None, 'APIPA range 169.254.21.0-169.254.22.255. [BGPHOWTO]'),
  });
  return b.object('BgpSettings', {
    asn: b.prop(b.int(0, 4294967295), Flags.None, '32-bit ASN. [BTA] [VPNFAQ-2026]'),
    bgpPeeringAddress: b.prop(b.string),
    peerWeight: b.prop(b.integer),
    bgpPeeringAddresses: b.prop(b.array(peeringAddress)),
  });
}

function addP2sConfiguration(b: ModelBuilder): TypeReference {
  const rootCertificate = b.namedItem(
    'VpnClientRootCertificate',
    b.object('VpnClientRootCertificatePropertiesFormat', { publicCertData: b.prop(b.string, Flags.Required) }),
  );
  return b.object('VpnClientConfiguration', {
    vpnClientAddressPool: b.prop(b.addressSpace),
    vpnClientProtocols: b.prop(b.array(b.openEnum(P2S_PROTOCOLS))),
    vpnAuthenticationTypes: b.prop(b.array(b.openEnum(P2S_AUTH_TYPES))),
    vpnClientRootCertificates: b.prop(b.array(rootCertificate, 20), Flags.None, 'At most 20. [VPNFAQ-2026]'),
    radiusServerAddress: b.prop(b.string),
    radiusServerSecret: b.prop(b.secureString),
    aadTenant: b.prop(b.string),
    aadAudience: b.prop(b.string),
    aadIssuer: b.prop(b.string),
  });
}

function addNatRules(b: ModelBuilder): TypeReference {
  const mapping = b.array(b.object('VpnNatRuleMapping', { addressSpace: b.prop(b.string) }));
  const rule = b.namedItem(
    'VirtualNetworkGatewayNatRule',
    b.object('VirtualNetworkGatewayNatRuleProperties', {
      type: b.prop(b.openEnum(NAT_RULE_TYPES)),
      mode: b.prop(b.openEnum(NAT_RULE_MODES)),
      internalMappings: b.prop(mapping),
      externalMappings: b.prop(mapping),
    }),
  );
  return b.array(rule, 500);
}

function addVirtualNetworkGateway(b: ModelBuilder, bgpSettings: TypeReference): void {
  const ipConfiguration = b.namedItem(
    'VirtualNetworkGatewayIPConfiguration',
    b.object('VirtualNetworkGatewayIPConfigurationPropertiesFormat', {
      privateIPAllocationMethod: b.prop(b.openEnum(IP_ALLOCATION_METHODS)),
      subnet: b.prop(b.subResource),
      publicIPAddress: b.prop(b.subResource),
    }),
  );
  const bound = b.int(1, 40);
  const autoScale = b.object('VirtualNetworkGatewayAutoScaleConfiguration', {
    bounds: b.prop(b.object('VirtualNetworkGatewayAutoScaleBounds', { min: b.prop(bound), max: b.prop(bound) })),
  });
  const properties = b.object('VirtualNetworkGatewayPropertiesFormat', {
    gatewayType: b.prop(b.openEnum(GATEWAY_TYPES)),
    vpnType: b.prop(b.openEnum(VPN_TYPES)),
    vpnGatewayGeneration: b.prop(
      b.openEnum(VPN_GATEWAY_GENERATIONS),
      Flags.None,
      'Must be None if gatewayType is not Vpn. [BTA] [DOTNET-GEN]',
    ),
    sku: b.prop(addGatewaySku(b)),
    activeActive: b.prop(b.boolean),
    enableBgp: b.prop(b.boolean),
    bgpSettings: b.prop(bgpSettings),
    ipConfigurations: b.prop(b.array(ipConfiguration)),
    vpnClientConfiguration: b.prop(addP2sConfiguration(b)),
    natRules: b.prop(addNatRules(b), Flags.None, 'At most 500. [VPNFAQ-2026]'),
    enableBgpRouteTranslationForNat: b.prop(b.boolean),
    customRoutes: b.prop(b.addressSpace),
    gatewayDefaultSite: b.prop(b.subResource),
    disableIPSecReplayProtection: b.prop(b.boolean),
    enablePrivateIpAddress: b.prop(b.boolean),
    enableDnsForwarding: b.prop(b.boolean),
    enableHighBandwidthVpnGateway: b.prop(b.boolean),
    adminState: b.prop(b.openEnum(ADMIN_STATES)),
    resiliencyModel: b.prop(b.openEnum(RESILIENCY_MODELS)),
    autoScaleConfiguration: b.prop(autoScale, Flags.None, 'ErGwScale: min >= 1, max <= 40. [ERSCALE]'),
    allowRemoteVnetTraffic: b.prop(b.boolean),
    allowVirtualWanTraffic: b.prop(b.boolean),
  });
  b.resource(RESOURCE_TYPES.virtualNetworkGateways, properties, { propertiesRequired: true, topLevel: true });
}

function addConnection(b: ModelBuilder): void {
  const required = (type: TypeReference): ObjectTypeProperty => b.prop(type, Flags.Required);
  const ipsecPolicy = b.object('IpsecPolicy', {
    saLifeTimeSeconds: b.prop(b.int(300), Flags.Required, 'At least 300. [VPNFAQ-2026]'),
    saDataSizeKilobytes: b.prop(b.int(1024), Flags.Required, 'At least 1024. [VPNFAQ-2026]'),
    ipsecEncryption: required(b.string),
    ipsecIntegrity: required(b.string),
    ikeEncryption: required(b.string),
    ikeIntegrity: required(b.string),
    dhGroup: required(b.string),
    pfsGroup: required(b.string),
  });
  const properties = b.object('VirtualNetworkGatewayConnectionPropertiesFormat', {
    connectionType: required(b.openEnum(CONNECTION_TYPES)),
    connectionProtocol: b.prop(b.openEnum(CONNECTION_PROTOCOLS), Flags.None, 'Defaults to IKEv2. [VPNFAQ-2026]'),
    connectionMode: b.prop(b.openEnum(CONNECTION_MODES)),
    authenticationType: b.prop(b.openEnum(CONNECTION_AUTHENTICATION_TYPES)),
    virtualNetworkGateway1: required(b.subResource),
    virtualNetworkGateway2: b.prop(b.subResource),
    localNetworkGateway2: b.prop(b.subResource),
    peer: b.prop(b.subResource),
    sharedKey: b.prop(b.secureString),
    authorizationKey: b.prop(b.secureString),
    enableBgp: b.prop(b.boolean),
    usePolicyBasedTrafficSelectors: b.prop(b.boolean),
    ipsecPolicies: b.prop(b.array(ipsecPolicy, 1), Flags.None, 'At most one policy. [VPNFAQ-2026]'),
    dpdTimeoutSeconds: b.prop(b.int(9, 3600), Flags.None, '9-3600, default 45. [VPNFAQ-2026]'),
    routingWeight: b.prop(b.integer),
  });
  b.resource(RESOURCE_TYPES.connections, properties, { propertiesRequired: true, topLevel: true });
}

function addLocalNetworkGateway(b: ModelBuilder, bgpSettings: TypeReference): void {
  const properties = b.object('LocalNetworkGatewayPropertiesFormat', {
    gatewayIpAddress: b.prop(b.string),
    fqdn: b.prop(b.string),
    localNetworkAddressSpace: b.prop(b.addressSpace),
    bgpSettings: b.prop(bgpSettings),
  });
  b.resource(RESOURCE_TYPES.localNetworkGateways, properties, { propertiesRequired: true, topLevel: true });
}

function addPublicIpAddress(b: ModelBuilder): void {
  const sku = b.object('PublicIPAddressSku', {
    name: b.prop(b.openEnum(PUBLIC_IP_SKU_NAMES)),
    tier: b.prop(b.openEnum(PUBLIC_IP_SKU_TIERS)),
  });
  const properties = b.object('PublicIPAddressPropertiesFormat', {
    publicIPAllocationMethod: b.prop(b.openEnum(IP_ALLOCATION_METHODS)),
  });
  b.resource(RESOURCE_TYPES.publicIPAddresses, properties, {
    propertiesRequired: false,
    topLevel: true,
    extra: { sku: b.prop(sku), zones: b.prop(b.array(b.string)) },
  });
}

function addVirtualNetwork(b: ModelBuilder): void {
  const subnetProperties = b.object('SubnetPropertiesFormat', {
    addressPrefix: b.prop(b.string),
    addressPrefixes: b.prop(b.array(b.string)),
    networkSecurityGroup: b.prop(b.subResource),
    routeTable: b.prop(b.subResource),
    natGateway: b.prop(b.subResource),
    delegations: b.prop(b.array(b.namedItem('Delegation', b.object('ServiceDelegationPropertiesFormat', {
      serviceName: b.prop(b.string),
    })))),
    serviceEndpoints: b.prop(b.array(b.object('ServiceEndpointPropertiesFormat', { service: b.prop(b.string) }))),
    privateEndpointNetworkPolicies: b.prop(b.string),
    defaultOutboundAccess: b.prop(b.boolean),
  });
  const vnetProperties = b.object('VirtualNetworkPropertiesFormat', {
    addressSpace: b.prop(b.addressSpace),
    subnets: b.prop(b.array(b.namedItem('Subnet', subnetProperties))),
  });
  b.resource(RESOURCE_TYPES.virtualNetworks, vnetProperties, { propertiesRequired: false, topLevel: true });
  b.resource(RESOURCE_TYPES.subnets, subnetProperties, { propertiesRequired: false, topLevel: false });
}

function buildGatewayTypeModel(): readonly BicepType[] {
  const b = new ModelBuilder();
  const bgpSettings = addBgpSettings(b);
  addVirtualNetworkGateway(b, bgpSettings);
  addConnection(b);
  addLocalNetworkGateway(b, bgpSettings);
  addPublicIpAddress(b);
  addVirtualNetwork(b);
  return Object.freeze([...b.factory.types]);
}

/** The model: a bicep-types `BicepType[]` whose `TypeReference`s index into this same array. */
export const gatewayTypeModel: readonly BicepType[] = buildGatewayTypeModel();

/** The model in the types.json format (`writeTypesJson`), with a final newline: the committed file's content. */
export function gatewayTypesJson(): string {
  return `${writeTypesJson([...gatewayTypeModel])}\n`;
}
