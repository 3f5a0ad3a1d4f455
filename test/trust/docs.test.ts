import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { TELEMETRY_EVENTS } from '../../src/telemetry/events.js';

const doc = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');

/** The trust documents exist and say what issue #8 requires of them. */
describe('trust documentation', () => {
  test('docs/TRUST.md: data flows, subprocessors, the telemetry allow-list and the disclosure SLA', () => {
    const t = doc('docs/TRUST.md');
    for (const s of ['## Data flows', '## Subprocessors', 'Anthropic', 'licence.maestrodevs.com', '.mso/egress.log', 'air-gapped']) expect(t).toContain(s);
    for (const name of TELEMETRY_EVENTS) expect(t).toContain(`\`${name}\``);
    expect(t).toMatch(/acknowledge\*\* a report \*\*within 2 business days/);
    expect(t).toMatch(/HIGH and CRITICAL\*\* issues \*\*within 14 days/);
    expect(t).toMatch(/disclose after the fix/);
  });

  test('SECURITY.md at the root carries the same SLA', () => {
    const s = doc('SECURITY.md');
    expect(s).toMatch(/within \*\*2 business days\*\*/);
    expect(s).toMatch(/HIGH and CRITICAL\*\* issues \| within \*\*14 days\*\*/);
    expect(s).toMatch(/\*\*after the fix\*\*/);
  });

  test('docs/THREAT-MODEL.md: assets, actors, the three defended threats and the compromised host', () => {
    const t = doc('docs/THREAT-MODEL.md');
    for (const s of ['## Assets', '## Actors', 'Accidental secret leakage', 'pretool', 'Prompt-injection-led code drift', 'SEC review', 'REL gate', 'Supply-chain compromise of MCP servers', 'registry', 'A compromised host']) {
      expect(t).toContain(s);
    }
  });

  test('docs/ARCHITECTURE.md: the whole pipeline by module path, and an #air-gapped section', () => {
    const a = doc('docs/ARCHITECTURE.md');
    expect(a).toContain('<a id="air-gapped"></a>');
    expect(a).toMatch(/^## Air-gapped$/m);
    for (const p of ['src/sources/', 'src/engine/', 'src/scanners/', 'src/report/', 'src/hooks/git/', 'src/hooks/agent/', 'src/mcp/', 'src/dispatch/', 'src/voyage/gate.ts', 'src/voyage/review.ts', 'src/net/egress.ts', 'src/net/guard.ts']) {
      expect(a).toContain(p);
    }
    // Every module path it names under src/net, src/telemetry, src/licence, src/trust exists.
    for (const m of a.matchAll(/`(src\/(?:net|telemetry|licence|trust)\/[a-z-]+\.ts)`/g)) expect(existsSync(join(REPO_ROOT, m[1]!))).toBe(true);
  });

  test('docs/COMPLIANCE.md: SOC 2 Common Criteria and ISO 27001 Annex A per feature, and no claim of certification', () => {
    const c = doc('docs/COMPLIANCE.md');
    for (const s of ['CC6.6', 'CC6.7', 'CC8.1', 'A.8.12', 'A.8.32', 'A.5.21', 'No claim of certification']) expect(c).toContain(s);
    expect(c).not.toMatch(/\bmso is (SOC 2 )?(certified|compliant)\b/i);
  });

  test('docs/configuration.md documents every trust setting with its default', () => {
    const c = doc('docs/configuration.md');
    for (const s of ['dataResidency.mode', 'telemetry.endpoint', 'licence.endpoint', 'https://licence.maestrodevs.com', '"air-gapped"']) expect(c).toContain(s);
  });
});
