const Hapi = require('@hapi/hapi');
const { exec } = require('child_process');
const fs = require('fs');
const path = require('path');
const axios = require('axios');

const init = async () => {
  const server = Hapi.server({ port: 3000 });

  server.route({
    method: 'GET',
    path: '/ping',
    handler: (request, h) => {
      exec('ping -c 1 ' + request.query.host); //@vuln CWE-78
      return 'ok';
    },
  });

  server.route({
    method: 'GET',
    path: '/files/{name}',
    handler: (request, h) => {
      return fs.readFileSync(path.join('/srv/files', request.params.name)); //@vuln CWE-22
    },
  });

  server.route({
    method: 'GET',
    path: '/safe-files/{name}',
    handler: (request, h) => {
      return fs.readFileSync(path.join('/srv/files', path.basename(request.params.name))); //@safe
    },
  });

  server.route({
    method: 'POST',
    path: '/hook',
    handler: async (request, h) => {
      const res = await axios.get(request.payload.callback); //@vuln CWE-918
      return res.data;
    },
  });

  server.route({
    method: 'GET',
    path: '/go',
    handler: (request, h) => h.redirect(request.query.next), //@vuln CWE-601
  });

  server.route({
    method: 'GET',
    path: '/hello',
    handler: (request, h) => h.response('<h1>Hello ' + request.query.name + '</h1>').type('text/html'), //@vuln CWE-79
  });

  server.route({
    method: 'GET',
    path: '/count',
    handler: (request, h) => ({ n: Number(request.query.n) + 1 }), //@safe
  });

  await server.start();
};

init();
