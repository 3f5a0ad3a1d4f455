// Build step: compiles the built-in rules (rules/**/*.yaml) into dist/builtin-rules.json, each
// file parsed and validated by its scanner's schema, so that mso loads them without a YAML
// parser or zod (src/config/builtin-rules.ts). A rule file that does not validate fails the
// build with the same message `mso scan` would give. Run by scripts/postbuild.mjs, after tsc.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => join(root, 'dist', p);
const { COMPILED_RULES_FILE, sha256, yamlFilesUnder } = await import(dist('config/builtin-rules.js'));
const { readRuleFiles } = await import(dist('config/rule-files.js'));
const { RULE_FILE_SCHEMAS, scannerNames, loadScanners } = await import(dist('scanners/registry.js'));
const { ruleFileError } = await import(dist('config/schema-errors.js'));

const { validateControlPlaneList } = await import(dist('hooks/agent/control-plane-list.js'));
const { parseRuleYaml } = await import(dist('config/yaml-parse.js'));
// Files no scanner reads but a hook loads on every call: validated here, stored with their doc.
const validators = { 'guard/control-plane.yaml': validateControlPlaneList };

const rulesDir = join(root, 'rules');
const known = scannerNames();
const byPath = new Map(readRuleFiles(rulesDir, known, known, false).map((f) => [f.path, f]));
const entries = [];
for (const name of yamlFilesUnder(rulesDir)) {
  const path = join(rulesDir, ...name.split('/'));
  const file = byPath.get(path);
  const entry = { path: name, scanner: file?.scanner ?? null, sha256: sha256(readFileSync(path)), doc: null, validated: false };
  if (!file && validators[name]) {
    entry.doc = validators[name](parseRuleYaml(readFileSync(path, 'utf8')), path);
    entry.validated = true;
  } else if (file) {
    const schema = RULE_FILE_SCHEMAS[file.scanner] ? await RULE_FILE_SCHEMAS[file.scanner]() : undefined;
    if (schema) {
      const parsed = schema.safeParse(file.doc);
      if (!parsed.success) throw ruleFileError(path, file.doc, parsed.error);
      entry.doc = parsed.data;
      entry.validated = true;
    } else {
      entry.doc = file.doc; // validated when its scanner loads it
    }
  }
  entries.push(entry);
}
writeFileSync(join(root, COMPILED_RULES_FILE), JSON.stringify({ version: 1, entries }));

// Every scanner built from the compiled form: regexes compile, backtracking checks pass, ids are unique.
await loadScanners({ scanners: known, ruleDirs: [] });
