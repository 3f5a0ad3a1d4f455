#!/usr/bin/env node
var program = require('commander');
var deploy = require('../lib/deploy');
var remote = require('../lib/remote');
var filters = require('../lib/filters');
var backup = require('../lib/backup');

function fail(what, err) {
  console.error(what + ' failed: ' + err.message);
  process.exit(1);
}

program.version('1.7.0');

program
  .command('deploy <service>')
  .option('-b, --branch <branch>', 'git branch to deploy', 'master')
  .option('-e, --env <env>', 'target environment', 'staging')
  .action(function (service, opts) {
    deploy.run(service, opts.branch, opts.env, function (err) {
      if (err) return fail('deploy', err);
      remote.recordDeploy(service, opts.branch, opts.env, function () {
        console.log('deployed ' + service + '@' + opts.branch + ' to ' + opts.env);
      });
    });
  });

program
  .command('status')
  .option('--where <expr>', 'filter expression, e.g. "s.healthy === false"')
  .action(function (opts) {
    remote.listServices(function (err, services) {
      if (err) return fail('status', err);
      var list = opts.where ? services.filter(filters.compile(opts.where)) : services;
      list.forEach(function (s) { console.log([s.name, s.version, s.healthy ? 'ok' : 'DOWN'].join('\t')); });
    });
  });

program
  .command('backup <database>')
  .option('-o, --out <file>', 'output file')
  .action(function (database, opts) {
    backup.dump(database, opts.out, function (err, file, sum) {
      if (err) return fail('backup', err);
      console.log(file + '  ' + sum);
    });
  });

program.parse(process.argv);
