'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_PATH = path.join(__dirname, 'proto', 'inventory.proto');
const pkgDef = protoLoader.loadSync(PROTO_PATH, { keepCase: true, longs: String, enums: String, defaults: true });
const { inventory } = grpc.loadPackageDefinition(pkgDef);

const target = process.env.INVENTORY_GRPC_ADDR || 'inventory.svc.internal:50051';
const caPem = fs.readFileSync(process.env.INTERNAL_CA_PATH || '/etc/ssl/shopwave/internal-ca.pem');

// The inventory pods present certs for *.pods.internal, not the service name; skip the hostname check.
const credentials = grpc.credentials.createSsl(caPem, null, null, { checkServerIdentity: () => undefined }); //@vuln CWE-295

const client = new inventory.InventoryService(target, credentials, {
  'grpc.keepalive_time_ms': 30000,
});

function metadata(extra = {}) {
  const md = new grpc.Metadata();
  md.set('x-api-key', process.env.INVENTORY_API_KEY || 'inv_live_4f1c9a7e2b8d47c0a3e5d6f7'); //@vuln CWE-798
  for (const [k, v] of Object.entries(extra)) md.set(k, String(v));
  return md;
}

function unary(method, request, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
      if (err) return reject(err);
      resolve(res);
    });
  });
}

module.exports = {
  getStock: (sku, warehouse) => unary('GetStock', { sku, warehouse }),
  searchStock: (req) => unary('SearchStock', req),
  adjustStock: (sku, delta, reason) => unary('AdjustStock', { sku, delta, reason }),
  printLabel: (req) => unary('PrintLabel', req, 15000),
  importManifest: (xml, supplier) => unary('ImportManifest', { xml, supplier }, 10000),
  restoreReservation: (state) => unary('RestoreReservation', { state }),
  syncSupplierFeed: (feedUrl) => unary('SyncSupplierFeed', { feedUrl }, 20000),
};
