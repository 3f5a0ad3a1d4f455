// lib/plugins.js - tiny wordpress style plugin system
// each plugin is a folder in /plugins with an index.js that exports { name, init(app, hooks) }
// a plugin is switched on when it has a .enabled file in its folder
var fs = require('fs');
var path = require('path');
var AdmZip = require('adm-zip');
var mkdirp = require('mkdirp');
var config = require('../config');
var utils = require('./utils');

var PLUGIN_DIR = config.pluginDir;
var loaded = {};
var hooks = {};

function addHook(name, fn) {
  hooks[name] = hooks[name] || [];
  hooks[name].push(fn);
}

function runHook(name, data) {
  (hooks[name] || []).forEach(function (fn) {
    try { data = fn(data) || data; } catch (e) { console.error('hook ' + name + ' failed', e); }
  });
  return data;
}

function initPlugin(plugin, app, opts) {
  var options = utils.safeMerge({}, plugin.defaults || {});
  utils.safeMerge(options, opts || {});
  plugin.init(app, { add: addHook, run: runHook }, options);
  loaded[plugin.name] = plugin;
}

// called once at startup from app.js
function loadAll(app) {
  if (!fs.existsSync(PLUGIN_DIR)) return;
  fs.readdirSync(PLUGIN_DIR).forEach(function (dir) {
    if (dir.charAt(0) === '.') return;
    if (!fs.existsSync(path.join(PLUGIN_DIR, dir, '.enabled'))) return;
    try {
      var plugin = require(path.join(PLUGIN_DIR, dir)); //@safe
      initPlugin(plugin, app);
      console.log('plugin loaded: ' + plugin.name);
    } catch (e) {
      console.error('could not load plugin ' + dir, e);
    }
  });
}

// called from the admin plugins page when you tick "activate"
function activate(name, app, opts, cb) {
  var pluginPath = path.join(PLUGIN_DIR, name);
  try {
    var plugin = require(pluginPath); //@vuln CWE-22|CWE-94
    initPlugin(plugin, app, opts);
    fs.writeFileSync(path.join(pluginPath, '.enabled'), new Date().toISOString());
    cb(null, plugin);
  } catch (e) {
    cb(e);
  }
}

// admin uploads a plugin as a zip
function installFromZip(zipPath, cb) {
  try {
    var zip = new AdmZip(zipPath);
    zip.getEntries().forEach(function (entry) {
      var dest = path.join(PLUGIN_DIR, entry.entryName);
      if (entry.isDirectory) {
        mkdirp.sync(dest);
        return;
      }
      mkdirp.sync(path.dirname(dest));
      fs.writeFileSync(dest, entry.getData()); //@vuln CWE-22
    });
    cb(null);
  } catch (e) {
    cb(e);
  }
}

function list() {
  return Object.keys(loaded).map(function (k) {
    return { name: k, version: loaded[k].version || '0.0.1' };
  });
}

module.exports = {
  loadAll: loadAll,
  activate: activate,
  installFromZip: installFromZip,
  runHook: runHook,
  list: list
};
