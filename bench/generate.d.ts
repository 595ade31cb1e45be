// Types of generate.js, for the tests that use its generated files.
/** A JSON template of `blocks` blocks: VNets with subnets, NICs and a VPN gateway per block. */
export function generateTemplate(blocks: number): string;
/** A Bicep file of about `bytes` characters: distinct VNets (with a GatewaySubnet), public IPs and VPN gateways. */
export function generateBicep(bytes: number): string;
