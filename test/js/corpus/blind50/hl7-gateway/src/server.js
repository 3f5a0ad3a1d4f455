'use strict';

const net = require('net');
const fs = require('fs');
const path = require('path');
const { exec, execFile } = require('child_process');
const { Pool } = require('pg');
const { parseMessage, applyCustomFields, buildAck } = require('./parser');

const [VT, FS, CR] = [0x0b, 0x1c, 0x0d]; // MLLP framing

const PORT = Number(process.env.MLLP_PORT || 2575);
const LAB_DOC_DIR = process.env.LAB_DOC_DIR || '/srv/lab/results';
const ARCHIVE_DIR = process.env.HL7_ARCHIVE_DIR || '/srv/hl7/archive';
const NOTIFY_BIN = '/usr/local/bin/hl7-notify';

const pool = new Pool({ connectionString: process.env.HL7_DB_URL || 'postgres://hl7_iface:Hl7-Interface!99@clinic-db.internal:5432/interface' }); //@vuln CWE-798

async function logInbound(raw, msh) {
  await pool.query(`INSERT INTO hl7_inbox (control_id, message_type, sending_facility, received_at, raw) VALUES ('${msh.controlId}', '${msh.type}', '${msh.sendingFacility}', now(), $1)`, [raw]); //@vuln CWE-89
}

async function upsertPatient(msg) {
  const p = msg.PID;
  if (!p || !p.mrn) throw new Error('PID-3 missing');
  const extra = applyCustomFields({}, msg);
  await pool.query('INSERT INTO patient (mrn, family_name, given_name, birth_date, gender, phone, extra, updated_at) VALUES ($1, $2, $3, to_date($4, \'YYYYMMDD\'), $5, $6, $7, now()) ON CONFLICT (mrn) DO UPDATE SET family_name = EXCLUDED.family_name, given_name = EXCLUDED.given_name, birth_date = EXCLUDED.birth_date, gender = EXCLUDED.gender, phone = EXCLUDED.phone, extra = patient.extra || EXCLUDED.extra, updated_at = now()', [p.mrn, p.family, p.given, p.birthDate.slice(0, 8), p.gender, p.phone || null, JSON.stringify(extra)]); //@safe
}

async function storeResults(msg) {
  const accession = (msg.OBR[0] && msg.OBR[0].fillerOrder) || msg.MSH.controlId;
  const components = [];
  let fileName = null;
  for (const obx of msg.OBX) {
    if (obx.valueType === 'ED' && obx.value.encoding === 'Base64') {
      // Reference lab sends the signed PDF as an ED value; OBX-3.2 carries its document name.
      fileName = `${obx.observationId.text}.pdf`;
      fs.writeFileSync(path.join(LAB_DOC_DIR, fileName), Buffer.from(obx.value.data, 'base64')); //@vuln CWE-22
      continue;
    }
    let value = obx.value;
    if (obx.valueType === 'ST' && value.startsWith('{')) {
      // Northside's Mirth channel packs structured results as a JS object literal in OBX-5.
      value = eval('(' + value + ')'); //@vuln CWE-95
    }
    components.push({ name: obx.observationId.text, code: obx.observationId.code, value, unit: obx.units, range: obx.range, flag: obx.flag });
  }
  await pool.query('INSERT INTO lab_result (accession_no, mrn, test_name, collected_at, components, file_name) VALUES ($1, $2, $3, now(), $4, $5) ON CONFLICT (accession_no) DO UPDATE SET components = EXCLUDED.components, file_name = COALESCE(EXCLUDED.file_name, lab_result.file_name)', [accession, msg.PID && msg.PID.mrn, (msg.OBR[0] && msg.OBR[0].service) || 'Lab result', JSON.stringify(components), fileName]);
  execFile(NOTIFY_BIN, ['--type', 'lab-result', '--accession', accession], (err) => { //@safe
    if (err) console.error('[hl7] notify failed', err.message);
  });
}

function archive(raw, msh) {
  const day = new Date().toISOString().slice(0, 10);
  const staged = path.join(ARCHIVE_DIR, 'incoming', `${Date.now()}-${process.pid}.hl7`);
  fs.writeFileSync(staged, raw);
  exec(`mkdir -p ${ARCHIVE_DIR}/${msh.sendingFacility}/${day} && mv ${staged} ${ARCHIVE_DIR}/${msh.sendingFacility}/${day}/`, (err) => { //@vuln CWE-78
    if (err) console.error('[hl7] archive failed', err.message);
  });
}

async function handleMessage(raw) {
  const msg = parseMessage(raw);
  await logInbound(raw, msg.MSH);
  const type = msg.MSH.type;
  if (type.startsWith('ADT')) await upsertPatient(msg);
  else if (type.startsWith('ORU')) await storeResults(msg);
  archive(raw, msg.MSH);
  return msg;
}

const server = net.createServer((socket) => {
  let buffer = Buffer.alloc(0);
  socket.on('data', async (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    let start = buffer.indexOf(VT);
    let end = buffer.indexOf(FS);
    while (start !== -1 && end !== -1 && end > start && buffer[end + 1] === CR) {
      const raw = buffer.slice(start + 1, end).toString('utf8');
      buffer = buffer.slice(end + 2);
      let ack;
      try {
        const msg = await handleMessage(raw);
        ack = buildAck(msg, 'AA');
      } catch (err) {
        console.error('[hl7] processing error', err);
        ack = raw.startsWith('MSH') ? buildAck(parseMessage(raw), 'AE', err.message) : null;
      }
      if (ack) socket.write(Buffer.concat([Buffer.from([VT]), Buffer.from(ack, 'utf8'), Buffer.from([FS, CR])]));
      start = buffer.indexOf(VT);
      end = buffer.indexOf(FS);
    }
  });
  socket.on('error', (err) => console.error('[hl7] socket error', err.message));
});

server.listen(PORT, () => console.log(`HL7 MLLP listener on ${PORT}`));
