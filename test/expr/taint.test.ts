import { describe, expect, it } from 'vitest';
import { SecretTaint } from '../../src/expr/taint.js';

const SECRET = 'Zq7SecretValue-Tail';

function tainted(): SecretTaint {
  const t = new SecretTaint();
  t.source(SECRET);
  return t;
}

describe('SecretTaint', () => {
  it('records what is computed from a secret, and from what was computed from it', () => {
    const t = tainted();
    t.derive([SECRET, 0, 9], 'Zq7Secret');
    t.derive(['Zq7Secret'], 'ZQ7SECRET');
    expect([...t.values()]).toEqual([SECRET, 'Zq7Secret', 'ZQ7SECRET']);
  });

  it('leaves alone results of computations without a secret, results that equal an argument, and pieces of one or two characters', () => {
    const t = tainted();
    t.derive(['plain', 1], 'lain');
    t.derive([SECRET, 'x-name'], ['x-name', SECRET]);
    t.derive([SECRET, 0, 2], 'Zq');
    expect([...t.values()]).toEqual([SECRET]);
  });

  it('keeps a string that holds a secret as it is out of the masked values, but still marks what is computed from it', () => {
    const t = tainted();
    const id = `/subscriptions/s/providers/x/${SECRET}`;
    t.derive(['x', SECRET], id);
    expect([...t.values()]).toEqual([SECRET]);
    t.derive([id, 30, 9], 'Zq7Secre_');
    expect([...t.values()]).toContain('Zq7Secre_');
  });

  it('marks arrays and objects built from a secret, so a value picked from them later counts', () => {
    const t = tainted();
    const pieces = ['Zq7SecretValue', 'Tail'];
    t.derive([SECRET, '-'], pieces);
    t.derive([pieces], 'ZQ7SECRETVALUE');
    expect([...t.values()].sort()).toEqual([SECRET, 'Tail', 'ZQ7SECRETVALUE', 'Zq7SecretValue'].sort());
  });
});
