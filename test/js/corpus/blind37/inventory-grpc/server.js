'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { exec, execFile } = require('child_process');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const mysql = require('mysql2/promise');
const libxmljs = require('libxmljs2');
const serialize = require('node-serialize');

const config = require('../shared/config');

const PROTO_PATH = path.join(__dirname, 'proto', 'inventory.proto');
const MANIFEST_DIR = process.env.MANIFEST_DIR || '/var/lib/inventory/manifests';
const LABEL_DIR = process.env.LABEL_DIR || '/var/lib/inventory/labels';

const pkgDef = protoLoader.loadSync(PROTO_PATH, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const { inventory } = grpc.loadPackageDefinition(pkgDef);

const db = mysql.createPool({
  host: config.mysql.host,
  user: config.mysql.user,
  password: config.mysql.password,
  database: 'inventory',
  connectionLimit: 10,
});

function grpcError(code, message) {
  return { code, message };
}

function wrap(fn) {
  return (call, callback) => {
    Promise.resolve(fn(call))
      .then((res) => callback(null, res))
      .catch((err) => callback(err.code ? err : grpcError(grpc.status.INTERNAL, err.message)));
  };
}

const service = {
  GetStock: wrap(async (call) => {
    const { sku, warehouse } = call.request;
    const [rows] = await db.execute('SELECT sku, warehouse, on_hand, reserved FROM stock WHERE sku = ? AND warehouse = ?', [sku, warehouse]); //@safe
    if (!rows.length) throw grpcError(grpc.status.NOT_FOUND, `unknown sku ${sku}`);
    return rows[0];
  }),

  SearchStock: wrap(async (call) => {
    const { prefix, warehouse, orderBy } = call.request;
    const sql = "SELECT sku, warehouse, on_hand, reserved FROM stock WHERE warehouse = '" + warehouse + "' AND sku LIKE '" + prefix + "%' ORDER BY " + (orderBy || 'sku') + ' LIMIT 200';
    const [rows] = await db.query(sql); //@vuln CWE-89
    return { items: rows };
  }),

  AdjustStock: wrap(async (call) => {
    const { sku, delta, reason } = call.request;
    await db.query(`UPDATE stock SET on_hand = on_hand + ${Number(delta)}, last_reason = '${reason}' WHERE sku = ?`, [sku]); //@vuln CWE-89
    const [rows] = await db.execute('SELECT sku, warehouse, on_hand, reserved FROM stock WHERE sku = ?', [sku]);
    return rows[0] || {};
  }),

  // Prints a shipping label on the warehouse CUPS printer
  PrintLabel: wrap((call) => new Promise((resolve, reject) => {
    const { sku, format, copies } = call.request;
    const out = path.join(LABEL_DIR, `${crypto.randomUUID()}.${format === 'pdf' ? 'pdf' : 'png'}`);
    exec(`zint --barcode=20 --data="${sku}" --output=${out} && lp -n ${copies || 1} ${out}`, (err) => { //@vuln CWE-78
      if (err) return reject(grpcError(grpc.status.INTERNAL, 'label printing failed'));
      resolve({ path: out });
    });
  })),

  PreviewLabel: wrap((call) => new Promise((resolve, reject) => {
    const out = path.join(LABEL_DIR, 'preview', `${crypto.randomUUID()}.png`);
    execFile('zint', ['--barcode=20', `--data=${call.request.sku}`, `--output=${out}`], (err) => { //@safe
      if (err) return reject(grpcError(grpc.status.INTERNAL, 'preview failed'));
      resolve({ png: fs.readFileSync(out) });
    });
  })),

  GetManifest: wrap(async (call) => {
    const file = path.join(MANIFEST_DIR, call.request.warehouse, `${call.request.date}.xml`);
    const xml = await fs.promises.readFile(file, 'utf8'); //@vuln CWE-22
    const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
    return { lines: doc.find('//line').map((n) => ({ sku: n.attr('sku')?.value(), qty: Number(n.attr('qty')?.value() || 0) })) };
  }),

  // Suppliers push ASN manifests through the partner gateway
  ImportManifest: wrap(async (call) => {
    const doc = libxmljs.parseXml(call.request.xml, { noent: true, dtdload: true }); //@vuln CWE-611
    const lines = doc.find('//line');
    for (const n of lines) {
      await db.execute('INSERT INTO inbound (sku, qty, supplier) VALUES (?, ?, ?)', [n.attr('sku')?.value(), Number(n.attr('qty')?.value() || 0), call.request.supplier]);
    }
    return { imported: lines.length };
  }),

  // Reservations are parked by the checkout service when payment is pending
  RestoreReservation: wrap(async (call) => {
    const state = serialize.unserialize(call.request.state); //@vuln CWE-502
    await db.execute('UPDATE stock SET reserved = reserved + ? WHERE sku = ?', [Number(state.qty) || 0, String(state.sku)]);
    return { ok: true };
  }),

  SyncSupplierFeed: wrap(async (call) => {
    const resp = await fetch(call.request.feedUrl, { headers: { accept: 'application/json' } }); //@vuln CWE-918
    const feed = await resp.json();
    let updated = 0;
    for (const item of feed.items || []) {
      const [r] = await db.execute('UPDATE stock SET supplier_eta = ? WHERE sku = ?', [item.eta, item.sku]);
      updated += r.affectedRows;
    }
    return { updated };
  }),
};

function main() {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 8 * 1024 * 1024 });
  server.addService(inventory.InventoryService.service, service);
  const addr = process.env.GRPC_BIND || '0.0.0.0:50051';
  server.bindAsync(addr, grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) throw err;
    console.log(`[inventory] gRPC listening on ${port}`);
  });
}

if (require.main === module) main();

module.exports = { service };
