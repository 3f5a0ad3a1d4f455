/* eslint-env worker */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function grep(lines, re) {
  const hits = [];
  lines.forEach((line, i) => {
    re.lastIndex = 0;
    if (re.test(line)) hits.push({ line: i + 1, text: line });
  });
  return hits;
}

self.addEventListener('message', (event) => {
  const { id, op, pattern, flags, text = '' } = event.data;
  try {
    let result;
    if (op === 'regex') {
      const re = new RegExp(pattern, flags || 'g'); //@vuln CWE-1333
      result = grep(text.split('\n'), re);
    } else if (op === 'find') {
      const re = new RegExp(escapeRegExp(pattern), 'gi'); //@safe
      result = grep(text.split('\n'), re);
    }
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err) });
  }
});
