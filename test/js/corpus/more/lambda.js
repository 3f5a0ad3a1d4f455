const { Client } = require('pg');
const AWS = require('aws-sdk');
const { execSync } = require('child_process');

exports.getItem = async (event) => {
  const client = new Client();
  await client.connect();
  const id = event.pathParameters.id;
  const res = await client.query('SELECT * FROM items WHERE id = ' + id); //@vuln CWE-89
  const safe = await client.query('SELECT * FROM items WHERE id = $1', [id]); //@safe
  return { statusCode: 200, body: JSON.stringify({ a: res.rows, b: safe.rows }) };
};

exports.render = async (event) => {
  const name = event.queryStringParameters && event.queryStringParameters.name;
  return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: `<h1>Hi ${name}</h1>` }; //@vuln CWE-79
};

exports.thumb = async (event) => {
  const body = JSON.parse(event.body);
  execSync(`convert /tmp/${body.file} -resize 100x100 /tmp/thumb.png`); //@vuln CWE-78
  return { statusCode: 204 };
};
