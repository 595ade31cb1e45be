import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { replaceStringLiteral } from '../src/engine/fixes.js';
import { isObjectValue } from '../src/expr/value.js';
import { policyRef, VPN_GATEWAY_BASIC_SKU } from '../src/knowledge/azure-policy.js';
import { canonicalSku, canonicalValue, connectionTypes, vpnSkuFacts } from '../src/knowledge/gateway.js';
import {
  DPD_TIMEOUT_RANGE,
  IPSEC_POLICY_ALGORITHMS,
  IPSEC_POLICY_CONNECTION_TYPES,
  IPSEC_POLICY_FIELDS,
  isGcmAes,
  MAX_IPSEC_POLICIES,
  SA_LIFETIME_MINIMUM,
} from '../src/knowledge/ipsec-policy.js';
import type { Connection } from '../src/model/connection.js';
import { connectionsOf, CONNECTION } from '../src/model/connection.js';
import { capitalize, joinWords } from '../src/model/gateway.js';

export default defineRule({
  meta: {
    id: 'connection-ipsec-policy',
    summary: 'A custom IPsec/IKE policy must be one Azure accepts: all eight fields, offered algorithms, GCMAES pairs, SA and DPD bounds, no Basic gateway.',
    description:
      "Checks each connection's ipsecPolicies against Microsoft's IPsec/IKE policy page: at most one policy; all eight fields (no partial policy); algorithms from the offered lists; GCMAES IPsec encryption with the same GCMAES integrity; saLifeTimeSeconds at least 300 and saDataSizeKilobytes at least 1024; no custom policy on a Basic VPN gateway or on an ExpressRoute connection. Also dpdTimeoutSeconds within 9-3600. usePolicyBasedTrafficSelectors without a custom policy is not reported: Microsoft's page says it can be used with the default policy.",
    level: 'error',
    levels: ['error', 'warning'],
    category: 'connection',
    types: [CONNECTION],
    fixable: true,
    policies: [policyRef(VPN_GATEWAY_BASIC_SKU)],
  },
  check(context) {
    for (const c of connectionsOf(context.model)) {
      checkDpdTimeout(context, c);
      checkPolicies(context, c);
    }
  },
});

function checkDpdTimeout(context: RuleContext, c: Connection): void {
  const at = c.prop('dpdTimeoutSeconds');
  const { min, max } = DPD_TIMEOUT_RANGE;
  if (typeof at.value !== 'number' || (at.value >= min && at.value <= max)) return;
  context.report({ at, message: `dpdTimeoutSeconds ${at.value} of connection ${c.label} is outside Azure's range of ${min}-${max}.`, hint: 'Use a value in that range (default 45).' });
}

function checkPolicies(context: RuleContext, c: Connection): void {
  const listAt = c.prop('ipsecPolicies');
  const list = listAt.value;
  if (!Array.isArray(list) || list.length === 0) return;

  const type = c.text('connectionType');
  const connectionType = type === undefined ? undefined : canonicalValue(connectionTypes(), type);
  if (connectionType !== undefined && !(IPSEC_POLICY_CONNECTION_TYPES as readonly string[]).includes(connectionType)) {
    context.report({ at: listAt, level: 'warning', message: `Connection ${c.label} is of type '${connectionType}', to which custom IPsec/IKE policies do not apply.`, hint: 'Remove ipsecPolicies.' });
    return;
  }

  const gateway = c.gateway('virtualNetworkGateway1');
  const sku = gateway?.family === 'Vpn' ? gateway.text('sku', 'name') : undefined;
  if (gateway && sku !== undefined && vpnSkuFacts(sku)?.customIpsecPolicy === false)
    context.report({
      at: listAt,
      related: [{ span: gateway.skuName.node.span, message: `The SKU of gateway ${gateway.label}.` }],
      policy: canonicalSku(sku) === 'Basic' ? policyRef(VPN_GATEWAY_BASIC_SKU) : undefined,
      message: `Connection ${c.label} sets a custom IPsec/IKE policy, but its gateway ${gateway.label} is ${sku}, which has none.`,
      hint: 'Use VpnGw1AZ or larger, or remove ipsecPolicies.',
    });

  if (list.length > MAX_IPSEC_POLICIES)
    context.report({ at: c.prop('ipsecPolicies', MAX_IPSEC_POLICIES), message: `Connection ${c.label} has ${list.length} IPsec/IKE policies; Azure accepts one per connection.`, hint: 'Keep one.' });
  list.forEach((_, i) => checkPolicy(context, c, i, list.length));
}

function checkPolicy(context: RuleContext, c: Connection, i: number, count: number): void {
  const at = c.prop('ipsecPolicies', i);
  const policy = at.value;
  if (!isObjectValue(policy)) return;
  const where = `${count === 1 ? 'the IPsec/IKE policy' : `IPsec/IKE policy ${i + 1}`} of connection ${c.label}`;

  const missing = IPSEC_POLICY_FIELDS.filter((f) => policy[f] === undefined);
  if (missing.length)
    context.report({ at, message: `${capitalize(where)} lacks ${joinWords(missing)}: Azure takes no partial policy.`, hint: 'Set all eight fields.' });

  for (const [field, offered] of Object.entries(IPSEC_POLICY_ALGORITHMS)) {
    const value = policy[field];
    if (typeof value === 'string' && canonicalValue(offered, value) === undefined)
      context.report({ at: c.prop('ipsecPolicies', i, field), message: `${field} '${value}' in ${where} is not a value Azure accepts.`, hint: `Use one of ${offered.join(', ')}.` });
  }

  const encryption = typeof policy.ipsecEncryption === 'string' ? canonicalValue(IPSEC_POLICY_ALGORITHMS.ipsecEncryption, policy.ipsecEncryption) : undefined;
  const integrity = policy.ipsecIntegrity;
  if (encryption !== undefined && isGcmAes(encryption) && typeof integrity === 'string' && integrity.toLowerCase() !== encryption.toLowerCase()) {
    const integrityAt = c.prop('ipsecPolicies', i, 'ipsecIntegrity');
    context.report({
      at: integrityAt,
      message: `${capitalize(where)} pairs ipsecEncryption '${encryption}' with ipsecIntegrity '${integrity}'; GCMAES needs the same in both.`,
      hint: `Set ipsecIntegrity to '${encryption}'.`,
      fix: replaceStringLiteral(integrityAt.property, encryption, `Set ipsecIntegrity to '${encryption}'`),
    });
  }

  for (const [field, minimum] of Object.entries(SA_LIFETIME_MINIMUM)) {
    const value = policy[field];
    if (typeof value === 'number' && value < minimum && !(field === 'saDataSizeKilobytes' && value === 0))
      context.report({ at: c.prop('ipsecPolicies', i, field), message: `${field} ${value} in ${where} is below Azure's minimum of ${minimum}.`, hint: `Use ${minimum} or more.` });
  }
}
