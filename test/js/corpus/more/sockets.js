const { Server } = require('socket.io');
const { exec } = require('child_process');
const io = new Server(3001);

io.on('connection', (socket) => {
  socket.on('ping-host', (host) => {
    exec('ping -c 1 ' + host, (err, out) => socket.emit('result', out)); //@vuln CWE-78
  });
  socket.on('render', (data) => {
    const fn = new Function('data', data.template); //@vuln CWE-95
    socket.emit('html', fn(data));
  });
  socket.on('hello', () => {
    exec('uptime', (err, out) => socket.emit('uptime', out)); //@safe
  });
});
