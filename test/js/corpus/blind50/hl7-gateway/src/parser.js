'use strict';

// Minimal HL7 v2.x parser for what the interface engine forwards (ADT^A04/A08, ORU^R01).

const ESCAPES = { F: 'field', S: 'component', R: 'repetition', T: 'subcomponent' };

function unescapeHl7(value, enc) {
  if (!value || value.indexOf(enc.escape) === -1) return value;
  const e = enc.escape;
  let out = value;
  for (const [code, key] of Object.entries(ESCAPES)) out = out.split(`${e}${code}${e}`).join(enc[key]);
  return out.split(`${e}.br${e}`).join('\n').split(`${e}E${e}`).join(e);
}

function parseSegment(line, enc) {
  const name = line.slice(0, 3);
  // MSH-1 is the field separator itself, so MSH field numbering is shifted by one.
  const fields = name === 'MSH' ? [name, enc.field].concat(line.slice(4).split(enc.field)) : line.split(enc.field);
  return {
    name,
    get(i, comp) {
      const f = fields[i] || '';
      return unescapeHl7(comp === undefined ? f : f.split(enc.component)[comp - 1] || '', enc);
    },
  };
}

function parseMessage(raw) {
  const lines = raw.replace(/\r?\n/g, '\r').split('\r').filter((s) => s.trim());
  if (!lines.length || !lines[0].startsWith('MSH')) throw new Error('message does not start with MSH');
  const [component, repetition, escape, subcomponent] = lines[0].slice(4, 8);
  const enc = { field: lines[0][3], component, repetition, escape, subcomponent };
  const segments = lines.map((l) => parseSegment(l, enc));
  const msh = segments[0];
  const msg = {
    MSH: { sendingApp: msh.get(3, 1), sendingFacility: msh.get(4, 1), type: `${msh.get(9, 1)}^${msh.get(9, 2)}`, controlId: msh.get(10), version: msh.get(12) },
    PID: null, OBR: [], OBX: [], Z: [],
  };
  for (const seg of segments.slice(1)) {
    if (seg.name === 'PID') {
      msg.PID = { mrn: seg.get(3, 1), family: seg.get(5, 1), given: seg.get(5, 2), birthDate: seg.get(7), gender: seg.get(8), phone: seg.get(13, 1) };
    } else if (seg.name === 'OBR') {
      msg.OBR.push({ placerOrder: seg.get(2, 1), fillerOrder: seg.get(3, 1), service: seg.get(4, 2) });
    } else if (seg.name === 'OBX') {
      const valueType = seg.get(2);
      msg.OBX.push({
        valueType,
        observationId: { code: seg.get(3, 1), text: seg.get(3, 2) },
        value: valueType === 'ED' ? { type: seg.get(5, 2), encoding: seg.get(5, 4), data: seg.get(5, 5) } : seg.get(5),
        units: seg.get(6, 1),
        range: seg.get(7),
        flag: seg.get(8),
      });
    } else if (seg.name.startsWith('Z')) {
      msg.Z.push(seg);
    }
  }
  return msg;
}

// ZCF|patient.preferences.language|es   — site-specific custom fields sent by the Riverside feed
function applyCustomFields(target, msg) {
  for (const z of msg.Z.filter((s) => s.name === 'ZCF')) {
    const keys = z.get(1).split('.');
    let cur = target;
    for (let i = 0; i < keys.length - 1; i++) {
      if (typeof cur[keys[i]] !== 'object' || cur[keys[i]] === null) cur[keys[i]] = {};
      cur = cur[keys[i]];
    }
    cur[keys[keys.length - 1]] = z.get(2); //@vuln CWE-1321
  }
  return target;
}

function buildAck(msg, code, text) {
  const now = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const m = msg.MSH;
  const msa = `MSA|${code}|${m.controlId}${text ? `|${text.replace(/[|^~\\&\r\n]/g, ' ')}` : ''}`;
  return `MSH|^~\\&|CLINIC-GW|CLINIC|${m.sendingApp}|${m.sendingFacility}|${now}||ACK|ACK${m.controlId}|P|${m.version || '2.5.1'}\r${msa}\r`;
}

module.exports = { parseMessage, applyCustomFields, buildAck };
