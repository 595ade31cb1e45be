import type { Located } from './locate.js';
import type { Network, Subnet, SubnetTarget } from './network.js';
import { parseSubnetId } from './network.js';
import type { ModelResource } from './resource.js';

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

  prop(...path: (string | number)[]): Located {
    return this.resource.get(['properties', ...path]);
  }

  /** The value of a property when it is a known string. */
  text(...path: (string | number)[]): string | undefined {
    const v = this.prop(...path).value;
    return typeof v === 'string' ? v : undefined;
  }

  get gatewayType(): Located {
    return this.prop('gatewayType');
  }

  get skuName(): Located {
    return this.prop('sku', 'name');
  }

  get ipConfigs(): GatewayIpConfig[] {
    const list = this.prop('ipConfigurations').value;
    if (!Array.isArray(list)) return [];
    return list.map((_, index) => {
      const subnetId = this.prop('ipConfigurations', index, 'properties', 'subnet', 'id');
      return {
        index,
        subnetId,
        target: subnetId.value === undefined ? undefined : parseSubnetId(subnetId.value),
        publicIpId: this.prop('ipConfigurations', index, 'properties', 'publicIPAddress', 'id'),
      };
    });
  }

  /** The subnets of the model this gateway's ip configurations point at. */
  subnets(network: Network): Subnet[] {
    const out = new Set<Subnet>();
    for (const c of this.ipConfigs) {
      const s = c.target && network.subnetFor(c.target);
      if (s) out.add(s);
    }
    return [...out];
  }

  /** A display name for messages. */
  get label(): string {
    const name = this.resource.shortName;
    return typeof name === 'string' ? `'${name}'` : (this.resource.symbolicName ? `'${this.resource.symbolicName}'` : 'this gateway');
  }
}

export function gatewaysOf(network: Network): Gateway[] {
  return network.gateways.map((g) => new Gateway(g));
}
