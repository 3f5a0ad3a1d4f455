var request = require('request');
var os = require('os');

var API = process.env.DEPLOY_API || 'https://deploy-api.internal.example.com';
var FALLBACK_TOKEN = 'sk_test_dummy_deployctl_4f2a'; //@vuln CWE-798

var client = request.defaults({ baseUrl: API, json: true, timeout: 10000, strictSSL: false }); //@vuln CWE-295

function api(method, uri, body, cb) {
  var headers = { Authorization: 'Bearer ' + (process.env.DEPLOY_TOKEN || FALLBACK_TOKEN) };
  client({ method: method, uri: uri, body: body, headers: headers }, function (err, res, data) {
    if (err) return cb(err);
    if (res.statusCode >= 400) return cb(new Error('API ' + res.statusCode + ': ' + (data && data.error)));
    cb(null, data);
  });
}

exports.listServices = function (cb) {
  api('GET', '/services', undefined, function (err, data) {
    cb(err, data && data.services);
  });
};

exports.recordDeploy = function (service, branch, env, cb) {
  api('POST', '/deploys', { service: service, branch: branch, env: env, host: os.hostname() }, function (err) {
    if (err) console.warn('could not record deploy: ' + err.message);
    cb();
  });
};
