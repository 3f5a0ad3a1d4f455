const http = require('http');
const url = require('url');
const fs = require('fs');
const querystring = require('querystring');
const { exec } = require('child_process');

http.createServer((req, res) => {
  const { pathname, query } = url.parse(req.url, true);
  if (pathname === '/hello') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<h1>Hello ' + query.name + '</h1>'); //@vuln CWE-79
    return;
  }
  if (pathname === '/file') {
    fs.createReadStream('./public/' + query.f).pipe(res); //@vuln CWE-22
    return;
  }
  if (pathname === '/search') {
    const q = new URL(req.url, 'http://localhost').searchParams.get('q');
    res.end(`<p>${q}</p>`); //@vuln CWE-79
    return;
  }
  if (req.method === 'POST' && pathname === '/exec') {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const form = querystring.parse(body);
      exec('nslookup ' + form.host, (err, out) => res.end(out)); //@vuln CWE-78
    });
    return;
  }
  res.writeHead(302, { Location: query.next }); //@vuln CWE-601
  res.end();
}).listen(8080);
