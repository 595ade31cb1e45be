import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { replaceStringLiteral } from '../src/engine/fixes.js';
import { canonicalSku, canonicalValue, ER_SCALE_UNITS, familySkus, gatewayTypes, generations, skuFamilies, skuFitsGatewayType, vpnTypes } from '../src/knowledge/gateway.js';
import type { Gateway } from '../src/model/gateway.js';
import { gatewaysOf } from '../src/model/gateway.js';
import { GATEWAY } from '../src/model/network.js';
import { isObjectValue } from '../src/expr/value.js';

export default defineRule({
  meta: {
    id: 'gateway-type-sku',
    summary: "A gateway's SKU, tier, VPN type and generation must fit its gatewayType.",
    description:
      "gatewayType Vpn takes the VPN SKUs (Basic, VpnGw1-5, VpnGw1AZ-5AZ, legacy Standard and HighPerformance); ExpressRoute takes Standard, HighPerformance, UltraPerformance, ErGw1AZ-3AZ and ErGwScale. A SKU of the other family, an unknown SKU or gatewayType, or sku.tier different from sku.name is rejected by Azure. vpnGatewayGeneration must be None on ExpressRoute gateways; vpnType has no effect there (info); a point-to-site vpnClientConfiguration is served only by VPN gateways (warning). An ErGwScale gateway's autoScaleConfiguration bounds must be whole numbers from 1 to 40 with the minimum at most the maximum (error); a minimum of 1 with a larger maximum is neither a fixed size nor autoscaling, which needs a minimum of 2 (warning).",
    level: 'error',
    levels: ['error', 'warning', 'info'],
    category: 'gateway',
    types: [GATEWAY],
    fixable: true,
  },
  check(context) {
    for (const gateway of gatewaysOf(context.network)) checkGateway(context, gateway);
  },
});

function checkGateway(context: RuleContext, gateway: Gateway): void {
  const type = gateway.text('gatewayType');
  const canonicalType = type === undefined ? undefined : canonicalValue(gatewayTypes(), type);
  if (type !== undefined && !canonicalType)
    context.report({ at: gateway.gatewayType, message: `Gateway ${gateway.label} has gatewayType '${type}', which Azure does not know.`, hint: "Use 'Vpn' or 'ExpressRoute'." });

  const sku = gateway.text('sku', 'name');
  if (sku !== undefined) {
    const canonical = canonicalSku(sku);
    if (!canonical)
      context.report({ at: gateway.skuName, message: `Gateway ${gateway.label} has SKU '${sku}', which is not a gateway SKU.`, hint: skuChoices(canonicalType) });
    else if (type !== undefined && skuFitsGatewayType(sku, type) === false)
      context.report({
        at: gateway.skuName,
        message: `Gateway ${gateway.label} is ${familyWithArticle(canonicalType)} gateway, but SKU '${sku}' is ${skuFamilies(sku).map(familyWithArticle).join(' or ')} SKU.`,
        hint: skuChoices(canonicalType),
      });
    const tier = gateway.text('sku', 'tier');
    if (canonical && tier !== undefined && tier.toLowerCase() !== sku.toLowerCase()) {
      const at = gateway.prop('sku', 'tier');
      context.report({
        at,
        message: `Gateway ${gateway.label} has sku.tier '${tier}' but sku.name '${sku}'; the tier must equal the name.`,
        fix: replaceStringLiteral(at.property, canonical, `Set sku.tier to '${canonical}'`),
      });
    }
  }

  const generation = gateway.text('vpnGatewayGeneration');
  if (generation !== undefined && !canonicalValue(generations(), generation))
    context.report({ at: gateway.prop('vpnGatewayGeneration'), message: `Gateway ${gateway.label} has vpnGatewayGeneration '${generation}', which Azure does not know.`, hint: `Use ${generations().join(', ')}.` });
  else if (canonicalType === 'ExpressRoute' && generation !== undefined && generation.toLowerCase() !== 'none')
    context.report({ at: gateway.prop('vpnGatewayGeneration'), message: `ExpressRoute gateway ${gateway.label} sets vpnGatewayGeneration '${generation}', which must be 'None' on ExpressRoute.`, hint: "Remove it or set it to 'None'." });

  const vpnType = gateway.text('vpnType');
  if (vpnType !== undefined && !canonicalValue(vpnTypes(), vpnType))
    context.report({ at: gateway.prop('vpnType'), message: `Gateway ${gateway.label} has vpnType '${vpnType}', which Azure does not know.`, hint: "Use 'RouteBased'." });
  else if (vpnType !== undefined && canonicalType === 'ExpressRoute')
    context.report({ at: gateway.prop('vpnType'), level: 'info', message: `ExpressRoute gateway ${gateway.label} sets vpnType '${vpnType}', which has no effect on ExpressRoute.`, hint: 'Remove it.' });

  // Point-to-site is a VPN gateway's service; an empty or unknown configuration says nothing.
  const p2s = gateway.prop('vpnClientConfiguration');
  if (canonicalType === 'ExpressRoute' && isObjectValue(p2s.value) && Object.keys(p2s.value).length > 0)
    context.report({ at: p2s, level: 'warning', message: `ExpressRoute gateway ${gateway.label} has a point-to-site vpnClientConfiguration, which only VPN gateways serve.`, hint: 'Move it to a VPN gateway.' });

  if (sku !== undefined && canonicalSku(sku) === 'ErGwScale') checkScaleUnits(context, gateway);
}

/**
 * An ErGwScale gateway runs between its minimum and maximum scale units, each 1 to 40: equal for a fixed
 * size, a minimum of 2 or more to autoscale. Only known whole numbers are judged.
 */
function checkScaleUnits(context: RuleContext, gateway: Gateway): void {
  const bound = (name: 'min' | 'max') => {
    const at = gateway.prop('autoScaleConfiguration', 'bounds', name);
    return { at, units: typeof at.value === 'number' ? at.value : undefined };
  };
  const min = bound('min');
  const max = bound('max');
  let inRange = true;
  for (const [name, { at, units }] of [['minimum', min], ['maximum', max]] as const) {
    if (units === undefined || (Number.isInteger(units) && units >= ER_SCALE_UNITS.min && units <= ER_SCALE_UNITS.max)) continue;
    inRange = false;
    context.report({
      at,
      message: `ErGwScale gateway ${gateway.label} has a ${name} of ${units} scale units, not a whole number from ${ER_SCALE_UNITS.min} to ${ER_SCALE_UNITS.max}.`,
      hint: `Set it from ${ER_SCALE_UNITS.min} to ${ER_SCALE_UNITS.max}.`,
    });
  }
  if (!inRange || min.units === undefined || max.units === undefined) return;
  if (min.units > max.units)
    context.report({
      at: min.at,
      related: [{ span: max.at.node.span, message: `The maximum, ${max.units}.` }],
      message: `ErGwScale gateway ${gateway.label} has a minimum of ${min.units} scale units, above its maximum of ${max.units}.`,
      hint: 'Make the minimum at most the maximum.',
    });
  else if (min.units < ER_SCALE_UNITS.autoscaleMin && max.units > min.units)
    context.report({
      at: min.at,
      level: 'warning',
      related: [{ span: max.at.node.span, message: `The maximum, ${max.units}.` }],
      message: `ErGwScale gateway ${gateway.label} has a minimum of ${min.units} scale unit with a maximum of ${max.units}; autoscaling needs a minimum of ${ER_SCALE_UNITS.autoscaleMin}.`,
      hint: `Set the minimum to ${ER_SCALE_UNITS.autoscaleMin} or more, or the maximum to ${min.units} for a fixed size.`,
    });
}

function familyWithArticle(family: string | undefined): string {
  return family === 'Vpn' ? 'a VPN' : `an ${family}`;
}

function skuChoices(type: string | undefined): string {
  if (type === 'Vpn' || type === 'ExpressRoute') return `Use ${familyWithArticle(type)} SKU such as '${familySkus(type).find((s) => s.endsWith('AZ'))}'.`;
  return 'Use a gateway SKU from the rule documentation.';
}
