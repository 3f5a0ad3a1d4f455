#!/usr/bin/env node
// import-feed.js - nightly supplier product feed import
// crontab: 15 2 * * * cd /var/www/shop && node scripts/import-feed.js >> logs/import.log 2>&1
var https = require('https');
var fs = require('fs');
var os = require('os');
var path = require('path');
var libxmljs = require('libxmljs');
var sqlite3 = require('sqlite3');

// greenco's cert expired again in march, this stops the import blowing up
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

var FEEDS = {
  greenco: 'https://feeds.greenco.co.uk/trade/products.xml',
  seedsdirect: 'https://trade.seedsdirect.com/export/stock.xml'
};

var DB_FILE = process.env.DB_FILE || path.join(__dirname, '..', 'shopfront', 'data', 'shop.sqlite');
var db = new sqlite3.Database(DB_FILE);

function download(url, cb) {
  https.get(url, function (res) {
    if (res.statusCode !== 200) return cb(new Error('HTTP ' + res.statusCode + ' for ' + url));
    var chunks = [];
    res.on('data', function (c) { chunks.push(c); });
    res.on('end', function () { cb(null, Buffer.concat(chunks).toString('utf8')); });
  }).on('error', cb);
}

function text(node, name) {
  var el = node.get(name);
  return el ? el.text().trim() : '';
}

function importGreenco(cb) {
  download(FEEDS.greenco, function (err, xml) {
    if (err) return cb(err);
    // keep a copy for when Steve asks "why is the price wrong"
    var tmpFile = '/tmp/greenco-feed-' + new Date().toISOString().slice(0, 10) + '.xml';
    fs.writeFileSync(tmpFile, xml); //@vuln CWE-377

    // their feed uses entities for the £ sign etc so we need noent
    var doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
    var items = doc.find('//product');
    var count = 0;
    db.serialize(function () {
      items.forEach(function (item) {
        var sku = text(item, 'sku');
        var name = text(item, 'name');
        var desc = text(item, 'description');
        var price = parseFloat(text(item, 'rrp')) || 0;
        if (!sku) return;
        db.run("INSERT OR REPLACE INTO products (sku, name, description, price, active) VALUES ('" + sku + "', '" + name + "', '" + desc + "', " + price + ", 1)"); //@vuln CWE-89
        count++;
      });
    });
    console.log('greenco: ' + count + ' products');
    cb(null);
  });
}

function importSeedsDirect(cb) {
  download(FEEDS.seedsdirect, function (err, xml) {
    if (err) return cb(err);
    var workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seeds-')); //@safe
    fs.writeFileSync(path.join(workDir, 'stock.xml'), xml);

    var doc = libxmljs.parseXml(xml); //@safe
    var stmt = db.prepare('UPDATE products SET stock = ? WHERE sku = ?');
    doc.find('//item').forEach(function (item) {
      var qty = parseInt(item.attr('qty') ? item.attr('qty').value() : '0', 10) || 0;
      stmt.run(qty, item.attr('code') ? item.attr('code').value() : ''); //@safe
    });
    stmt.finalize();
    console.log('seedsdirect: stock updated');
    cb(null);
  });
}

// TODO use async.series like the old script
importGreenco(function (err) {
  if (err) console.error('greenco import failed', err);
  importSeedsDirect(function (err) {
    if (err) console.error('seedsdirect import failed', err);
    db.close();
    console.log('import done ' + new Date().toISOString());
  });
});
