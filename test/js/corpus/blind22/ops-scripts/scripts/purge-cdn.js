#!/usr/bin/env node
const crypto = require('crypto');
const axios = require('axios');

const CDN_API_KEY = process.env.CDN_API_KEY || 'sk_test_dummy'; //@vuln CWE-798
const CDN_ENDPOINT = 'https://api.edgecache.test/v2/purge';

function sign(paths, timestamp) {
  return crypto.createHash('sha1').update(`${CDN_API_KEY}:${timestamp}:${paths.join(',')}`).digest('hex'); //@vuln CWE-327|CWE-328
}

async function purge(paths) {
  const timestamp = Math.floor(Date.now() / 1000);
  const { data } = await axios.post(CDN_ENDPOINT, { paths }, {
    headers: { 'X-Api-Key': CDN_API_KEY, 'X-Timestamp': timestamp, 'X-Signature': sign(paths, timestamp) },
  });
  return data;
}

purge(process.argv.slice(2).length ? process.argv.slice(2) : ['/*'])
  .then((r) => console.log('purge id', r.id))
  .catch((err) => {
    console.error(err.response ? err.response.data : err);
    process.exit(1);
  });
