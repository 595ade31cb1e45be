import { describe, expect, it } from 'vitest';
import { junit } from '../../src/report/junit.js';
import { diagnostic, EMPTY, fileResult, find, mainJson, nastyResult, options, quietResult, RULES, sampleResult } from './fixtures.js';

describe('junit', () => {
  it('prints a suite per file, a case per rule, and a passing case for a clean file', () => {
    expect(junit(sampleResult(), options())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="gwlint" tests="5" failures="4" errors="0" time="0">',
        '  <testsuite name="infra/main.json" tests="2" failures="2" errors="0" skipped="0" time="0">',
        '    <testcase classname="infra/main.json" name="gateway-subnet-size" time="0">',
        '      <failure type="error" message="GatewaySubnet is a /29; a gateway needs at least a /27.">line 3, col 20, error - GatewaySubnet is a /29; a gateway needs at least a /27.',
        '  ↳ infra/main.parameters.json:2:13 The prefix is written here.</failure>',
        '    </testcase>',
        '    <testcase classname="infra/main.json" name="gateway-sku-basic" time="0">',
        '      <failure type="warning" message="The Basic SKU is retired.">line 4, col 10, warning - The Basic SKU is retired.</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="infra/vpn gw.bicep" tests="2" failures="2" errors="0" skipped="0" time="0">',
        '    <testcase classname="infra/vpn gw.bicep" name="gateway-subnet-name" time="0">',
        '      <failure type="info" message="Subnet name is written as a literal.">line 2, col 22, info - Subnet name is written as a literal.</failure>',
        '    </testcase>',
        '    <testcase classname="infra/vpn gw.bicep" name="gateway-sku-basic" time="0">',
        '      <failure type="warning" message="The gateway sets no SKU.">line 3, col 69, warning - The gateway sets no SKU.</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="clean.json" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase classname="clean.json" name="gwlint" time="0"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('lists all findings of one rule in one failure, typed by the worst level', () => {
    const result = {
      files: [
        fileResult(mainJson, 'arm-template', [
          diagnostic('gateway-subnet-size', 'warning', 'First.', find(mainJson, '"name"')),
          diagnostic('gateway-subnet-size', 'error', 'Second.', find(mainJson, '"sku"')),
        ]),
      ],
      rules: RULES,
    };
    expect(junit(result, options())).toContain(
      '      <failure type="error" message="2 findings">line 2, col 3, warning - First.\nline 4, col 3, error - Second.</failure>\n',
    );
  });

  it('escapes markup and drops control characters', () => {
    const out = junit(nastyResult(), options());
    expect(out).toContain(
      '<failure type="error" message="100% sure: a, b&#13;&#10;next ] ; &lt;&amp;&gt; &quot;q&quot; [31mred">' +
        'line 1, col 8, error - 100% sure: a, b&#13;\nnext ] ; &lt;&amp;&gt; "q" [31mred</failure>',
    );
    expect(out).toContain('<testsuite name="we,ird:dir/x.json" tests="1" failures="1"');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('shows suppressed-only files as passing', () => {
    expect(junit(quietResult(), options())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="gwlint" tests="2" failures="0" errors="0" time="0">',
        '  <testsuite name="infra/main.json" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase classname="infra/main.json" name="gwlint" time="0"/>',
        '  </testsuite>',
        '  <testsuite name="clean.json" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase classname="clean.json" name="gwlint" time="0"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('prints an empty document for no files', () => {
    expect(junit(EMPTY, options())).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="gwlint" tests="0" failures="0" errors="0" time="0">\n</testsuites>\n',
    );
  });
});
