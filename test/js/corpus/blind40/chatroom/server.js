// server.js - staff + customer chat (socket.io 2.x)
var express = require('express');
var http = require('http');
var socketio = require('socket.io');
var cookie = require('cookie');
var cors = require('cors');
var request = require('request');
var cheerio = require('cheerio');
var serialize = require('node-serialize');
var jwt = require('jsonwebtoken');
var messages = require('./lib/messages');
var auth = require('./lib/auth');

var PORT = process.env.PORT || 4000;

var app = express();
var server = http.createServer(app);
var io = socketio(server);

var online = {};      // uid -> name
var userPrefs = {};   // uid -> prefs object

app.use(cors({ origin: ['https://www.bobsgarden.co.uk', 'https://admin.bobsgarden.co.uk'], credentials: true })); //@safe
app.use(express.json());
app.use(express.static(__dirname + '/public'));

app.post('/api/login', auth.ldapLogin);

// mods can export a room as a html page for the records
app.get('/api/export', function (req, res) {
  var user = jwt.decode(req.headers['x-chat-token'] || ''); //@vuln CWE-347
  if (!user || !user.mod) return res.status(403).send('mods only');
  var room = req.query.room || 'general';
  messages.recent(room, 1000, function (err, rows) {
    if (err) return res.status(500).send('db error');
    var html = '<h1>Transcript: ' + room + '</h1><ul>';
    rows.reverse().forEach(function (m) {
      html += '<li>' + escapeHtml(m.username) + ': ' + escapeHtml(m.body) + '</li>';
    });
    res.send(html + '</ul>'); //@vuln CWE-79
  });
});

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
}

// https://stackoverflow.com/a/6969486
function escapeRegExp(str) {
  return String(str).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

io.use(function (socket, next) {
  var cookies = cookie.parse(socket.handshake.headers.cookie || '');
  var user = auth.userFromToken(cookies.chat_token);
  if (!user) return next(new Error('not authorised'));
  socket.user = user;
  next();
});

io.on('connection', function (socket) {
  online[socket.user.uid] = socket.user.name;
  io.emit('online', Object.keys(online).length);

  socket.on('join', function (data) {
    messages.getRoom(data.room, function (err, room) {
      if (err || !room) return socket.emit('error message', 'No such room');
      var doJoin = function () {
        socket.join(data.room);
        socket.emit('topic', { topic: room.topic });
        messages.history(data.room, data.limit || 50, function (err, rows) {
          if (!err) socket.emit('history', rows.reverse());
        });
      };
      if (!room.private) return doJoin();
      messages.checkInvite(data.room, data.invite, function (err, ok) {
        if (ok) doJoin(); else socket.emit('error message', 'You need an invite for that room');
      });
    });
  });

  socket.on('message', function (data) {
    var text = String(data.text || '').slice(0, 2000);
    if (!text) return;
    if (text.charAt(0) === '/') return handleCommand(socket, data.room, text);
    messages.save(data.room, socket.user.name, text, function (err) {
      if (err) console.log(err);
    });
    io.to(data.room).emit('message', { user: socket.user.name, text: text, at: Date.now() });
  });

  // search box in the sidebar, people like to use regex
  socket.on('search', function (data) {
    var re = new RegExp(data.pattern, 'i'); //@vuln CWE-1333
    messages.recent(data.room, 500, function (err, rows) {
      if (err) return;
      socket.emit('search results', rows.filter(function (r) { return re.test(r.body); }));
    });
  });

  // highlight your own keywords
  socket.on('highlight', function (data) {
    var words = [].concat(data.words || []).slice(0, 20).map(escapeRegExp);
    if (!words.length) return;
    var re = new RegExp('\\b(' + words.join('|') + ')\\b', 'gi'); //@safe
    socket.highlight = re;
    socket.emit('highlight ok', words.length);
  });

  socket.on('delete', function (data) {
    if (!socket.user.mod) return;
    messages.deleteMsg(data.id, function (err) {
      if (!err) io.to(data.room).emit('deleted', data.id);
    });
  });

  // link previews like slack
  socket.on('preview', function (data) {
    request({ url: data.url, timeout: 5000 }, function (err, resp, body) { //@vuln CWE-918
      if (err || !body) return;
      var $ = cheerio.load(body);
      socket.emit('preview', {
        url: data.url,
        title: $('meta[property="og:title"]').attr('content') || $('title').text(),
        image: $('meta[property="og:image"]').attr('content')
      });
    });
  });

  // client sends back what it had before a reconnect
  socket.on('restore', function (data) {
    try {
      var state = serialize.unserialize(data.state); //@vuln CWE-502
      if (state.room) socket.join(state.room);
    } catch (e) {
      console.log('restore failed', e.message);
    }
  });

  socket.on('pref', function (data) {
    // data.key looks like "notify.sound"
    var parts = String(data.key || '').split('.');
    if (parts.length !== 2) return;
    var prefs = userPrefs[socket.user.uid] = userPrefs[socket.user.uid] || {};
    if (!prefs[parts[0]]) prefs[parts[0]] = {};
    prefs[parts[0]][parts[1]] = data.value; //@vuln CWE-1321
    socket.emit('prefs', prefs);
  });

  socket.on('disconnect', function () {
    delete online[socket.user.uid];
  });
});

function handleCommand(socket, room, text) {
  var parts = text.slice(1).split(' ');
  var cmd = parts.shift().toLowerCase();
  var arg = parts.join(' ');

  switch (cmd) {
    case 'calc':
      // "/calc 12*4.99" - handy for quotes
      var result;
      try {
        result = eval(arg); //@vuln CWE-95
      } catch (e) {
        result = 'error';
      }
      socket.emit('message', { user: 'calcbot', text: arg + ' = ' + result, at: Date.now() });
      break;
    case 'roll':
      var n = Math.floor(Math.random() * 6) + 1; //@safe
      io.to(room).emit('message', { user: 'dicebot', text: socket.user.name + ' rolled a ' + n, at: Date.now() });
      break;
    case 'topic':
      messages.setTopic(room, arg, function () {
        io.to(room).emit('topic', { topic: arg });
      });
      break;
    case 'invite':
      var code = Math.random().toString(36).slice(2, 10); //@vuln CWE-338|CWE-330
      messages.saveInvite(room, code, function () {
        socket.emit('message', { user: 'system', text: 'Invite code for ' + room + ': ' + code, at: Date.now() });
      });
      break;
    default:
      socket.emit('message', { user: 'system', text: 'Unknown command /' + cmd, at: Date.now() });
  }
}

server.listen(PORT, function () {
  console.log('chat listening on ' + PORT);
});
