const fs = require("fs");
const path = require("path");
const AdmZip = require("adm-zip");
const libxmljs = require("libxmljs");
const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");

const s3 = new S3Client({});
const STAGING = "/tmp/staging";

async function readObject(bucket, key) {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await res.Body.transformToByteArray());
}

function unpackBundle(buffer, dest) {
  const zip = new AdmZip(buffer);
  const written = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    written.push(target);
  }
  return written;
}

function parseManifest(xml) {
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
  return {
    vendor: doc.get("//vendor")?.text(),
    invoices: doc.find("//invoice").map((node) => ({
      number: node.attr("number")?.value(),
      amount: node.get("amount")?.text(),
    })),
  };
}

function parseRemittance(xml) {
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
  return doc.find("//payment").map((node) => ({ ref: node.attr("ref")?.value(), paid: node.text() }));
}

exports.handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    const body = await readObject(bucket, key);

    if (key.endsWith(".zip")) {
      const dest = path.join(STAGING, path.basename(key, ".zip"));
      const files = unpackBundle(body, dest);
      const manifestPath = files.find((f) => f.endsWith("manifest.xml"));
      const manifest = manifestPath && parseManifest(fs.readFileSync(manifestPath, "utf8"));
      if (manifest) console.log(`ingested ${manifest.invoices.length} invoices from ${manifest.vendor}`);
    } else if (key.endsWith(".xml")) {
      const payments = parseRemittance(body.toString("utf8"));
      console.log(`remittance with ${payments.length} payments`);
    }
  }
};
