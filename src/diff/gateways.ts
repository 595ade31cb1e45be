import type { RuleContext } from '../engine/rule.js';
import { Gateway } from '../model/gateway.js';
import { GATEWAY } from '../model/network.js';
import { pairsOfType } from './join.js';

/** The gateways both versions deploy, joined by key; none in a normal run (no base revision to compare with). */
export function keptGateways(context: RuleContext): { head: Gateway; old: Gateway }[] {
  if (!context.base) return [];
  return pairsOfType(context.model, context.base.model, GATEWAY).map((pair) => ({ head: new Gateway(pair.head), old: new Gateway(pair.base) }));
}
