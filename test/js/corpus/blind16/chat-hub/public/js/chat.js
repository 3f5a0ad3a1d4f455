(function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var room = document.getElementById('chat').getAttribute('data-room');
  var nick = params.get('nick') || 'guest';
  var socket = io({ query: { nick: nick } });
  var list = document.getElementById('messages');

  document.getElementById('room-header').innerHTML = '#' + room + ' <small>as <b>' + nick + '</b></small>'; //@vuln CWE-79

  socket.emit('join', room);

  socket.on('message', function (msg) {
    var li = document.createElement('li');
    li.innerHTML = '<span class="nick">' + msg.nick + '</span> ' + msg.text.replace(/\*\*(.+?)\*\*/g, '<b>$1</b>'); //@vuln CWE-79
    list.appendChild(li);
  });

  socket.on('system', function (msg) {
    var li = document.createElement('li');
    li.className = 'system';
    li.textContent = msg.text; //@safe
    list.appendChild(li);
  });

  socket.on('preview', function (p) {
    list.insertAdjacentHTML('beforeend', '<li class="preview"><a href="' + p.url + '" target="_blank">' + p.title + '</a></li>'); //@vuln CWE-79
  });

  document.getElementById('send').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = document.getElementById('text');
    if (!input.value) return;
    socket.emit('message', { room: room, text: input.value });
    input.value = '';
  });

  var onReady = params.get('onready');
  if (onReady && window.ChatPlugins) {
    setTimeout(onReady, 0); //@vuln CWE-95
  }
})();
