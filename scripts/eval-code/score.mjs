// Line-level scoring of a code scanner against a labelled corpus, shared by eval-python.mjs and
// eval-js.mjs: labels are { file, line, kind: 'vuln'|'safe', cwes }, predictions { file, line, cwes, rule }.
export function score(labels, name, preds, verbose) {
  const vuln = labels.filter((l) => l.kind === 'vuln');
  const safe = labels.filter((l) => l.kind === 'safe');
  const byLine = new Map();
  for (const p of preds) {
    const k = `${p.file}:${p.line}`;
    const e = byLine.get(k) ?? { file: p.file, line: p.line, cwes: new Set(), rules: new Set() };
    p.cwes.forEach((c) => e.cwes.add(c));
    e.rules.add(p.rule);
    byLine.set(k, e);
  }
  const vulnKeys = new Set(vuln.map((l) => `${l.file}:${l.line}`));
  let lineHit = 0;
  let cweHit = 0;
  const missed = [];
  const wrongCwe = [];
  for (const l of vuln) {
    const p = byLine.get(`${l.file}:${l.line}`);
    if (!p) {
      missed.push(l);
      continue;
    }
    lineHit++;
    if (l.cwes.some((c) => p.cwes.has(c))) cweHit++;
    else wrongCwe.push({ ...l, got: [...p.cwes] });
  }
  const fps = [...byLine.values()].filter((p) => !vulnKeys.has(`${p.file}:${p.line}`));
  const safeFlagged = safe.filter((l) => byLine.has(`${l.file}:${l.line}`));
  const r = {
    tool: name,
    findings: preds.length,
    flaggedLines: byLine.size,
    lineRecall: vuln.length ? lineHit / vuln.length : 1,
    cweRecall: vuln.length ? cweHit / vuln.length : 1,
    precision: byLine.size ? (byLine.size - fps.length) / byLine.size : 1,
    safeFlagged: safeFlagged.length,
  };
  if (verbose) {
    console.log(`\n== ${name}: missed (${missed.length})`);
    for (const m of missed) console.log(`  ${m.file}:${m.line} ${m.cwes.join('|')}`);
    console.log(`== ${name}: wrong CWE (${wrongCwe.length})`);
    for (const m of wrongCwe) console.log(`  ${m.file}:${m.line} want ${m.cwes.join('|')} got ${m.got.join(',')}`);
    console.log(`== ${name}: false positives (${fps.length})`);
    for (const p of fps) console.log(`  ${p.file}:${p.line} ${[...p.rules].join(',')}`);
  }
  return r;
}
