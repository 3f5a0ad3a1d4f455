const { Server } = require('socket.io');
const WebSocket = require('ws');
const { exec, execFile } = require('child_process');
const fs = require('fs');
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'db', user: 'chat', database: 'chat' });
const io = new Server(3001);

io.on('connection', (socket) => {
  socket.on('join', async (room) => {
    const [rows] = await pool.query("SELECT * FROM messages WHERE room = '" + room + "' ORDER BY ts"); //@vuln CWE-89
    socket.emit('history', rows);
  });

  socket.on('join-safe', async (room) => {
    const [rows] = await pool.execute('SELECT * FROM messages WHERE room = ? ORDER BY ts', [room]); //@safe
    socket.emit('history', rows);
  });

  socket.on('ping-host', ({ host }) => {
    exec(`ping -c 1 ${host}`, (err, out) => socket.emit('pong', out)); //@vuln CWE-78
  });

  socket.on('ping-host-safe', ({ host }) => {
    execFile('ping', ['-c', '1', String(host)], (err, out) => socket.emit('pong', out)); //@safe
  });

  socket.on('save-avatar', (payload, ack) => {
    fs.writeFile(`/var/avatars/${payload.user}.png`, payload.data, ack); //@vuln CWE-22
  });

  socket.on('disconnect', (reason) => {
    console.log('left', reason); //@safe
  });
});

const wss = new WebSocket.Server({ port: 3002 });
wss.on('connection', (ws) => {
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString());
    if (msg.type === 'calc') {
      const fn = new Function('return ' + msg.expr); //@vuln CWE-95|CWE-94
      ws.send(String(fn()));
    }
    if (msg.type === 'log') {
      fs.appendFileSync('/var/log/ws.log', JSON.stringify(msg) + '\n'); //@safe
    }
  });
});

function broadcast(clients, text) {
  for (const c of clients) c.send(text);
}
module.exports = { broadcast };
