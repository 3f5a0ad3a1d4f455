var vm = require('vm');
var request = require('request');

var handlers = {
  calc: function (args, ctx) {
    var result;
    try {
      result = eval(args); //@vuln CWE-95
    } catch (e) {
      result = 'error';
    }
    ctx.socket.emit('system', { text: args + ' = ' + result });
  },

  js: function (args, ctx) {
    var out;
    try {
      out = vm.runInNewContext(args, { Math: Math, nick: ctx.nick }, { timeout: 50 }); //@vuln CWE-95
    } catch (e) {
      out = e.message;
    }
    ctx.socket.emit('system', { text: String(out) });
  },

  roll: function (args, ctx) {
    var sides = parseInt(args, 10) || 6;
    var n = Math.floor(Math.random() * sides) + 1; //@safe
    ctx.io.to(ctx.room).emit('system', { text: ctx.nick + ' rolled a d' + sides + ': ' + n });
  },

  preview: function (args, ctx) {
    var target = args.trim();
    request({ url: target, timeout: 3000 }, function (err, resp, body) { //@vuln CWE-918
      if (err) return ctx.socket.emit('system', { text: 'Could not fetch ' + target });
      var m = /<title>([^<]*)<\/title>/i.exec(body || '');
      ctx.io.to(ctx.room).emit('preview', { url: target, title: m ? m[1].trim() : target });
    });
  }
};

exports.run = function (line, ctx) {
  var idx = line.indexOf(' ');
  var name = idx === -1 ? line : line.slice(0, idx);
  if (!Object.prototype.hasOwnProperty.call(handlers, name)) {
    return ctx.socket.emit('system', { text: 'Unknown command /' + name });
  }
  handlers[name](idx === -1 ? '' : line.slice(idx + 1), ctx);
};
