var commands = require('./commands');
var rooms = require('./rooms');
var history = require('./history');

module.exports = function (io) {
  io.on('connection', function (socket) {
    var nick = socket.handshake.query.nick || 'guest' + socket.id.slice(0, 4);

    socket.on('join', function (room) {
      socket.join(room);
      rooms.getRoom(room).members.push(nick);
      io.to(room).emit('system', { text: nick + ' joined' });
    });

    socket.on('message', function (data) {
      if (!data || typeof data.text !== 'string' || !data.room) return;
      if (data.text.charAt(0) === '/') {
        return commands.run(data.text.slice(1), { nick: nick, room: data.room, socket: socket, io: io });
      }
      if (rooms.isFiltered(data.room, data.text)) {
        return socket.emit('system', { text: 'Message blocked by room filter' });
      }
      io.to(data.room).emit('message', { nick: nick, text: rooms.highlightMentions(data.text, nick), ts: Date.now() });
      history.save(data.room, nick, data.text);
    });

    socket.on('settings', function (payload) {
      if (!payload || !payload.room) return;
      rooms.updateSettings(payload.room, payload.path, payload.value);
      socket.emit('system', { text: 'Settings updated' });
    });
  });
};
