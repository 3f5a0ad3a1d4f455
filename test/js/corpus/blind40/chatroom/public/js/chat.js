/* chat.js - front end for the chat, needs jquery 1.12 + socket.io client */
var socket = io();
var currentRoom = getParam('room') || 'general';
var myName = null;
var unread = 0;

// https://stackoverflow.com/questions/901115
function getParam(name) {
  var match = RegExp('[?&]' + name + '=([^&]*)').exec(window.location.search);
  return match && decodeURIComponent(match[1].replace(/\+/g, ' '));
}

function escapeHtml(s) {
  return $('<div>').text(s == null ? '' : s).html();
}

function timeStr(ts) {
  var d = new Date(ts);
  return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
}

function scrollDown() { $('#messages').scrollTop(1e9); }

$(function () {
  document.getElementById('room-name').innerHTML = currentRoom; //@vuln CWE-79
  socket.emit('join', { room: currentRoom, invite: getParam('invite') });

  $('#send-form').on('submit', function (e) {
    e.preventDefault();
    var text = $('#msg').val();
    if (!$.trim(text)) return;
    socket.emit('message', { room: currentRoom, text: text });
    // look for links and ask the server for a preview
    var link = text.match(/https?:\/\/\S+/);
    if (link) socket.emit('preview', { url: link[0] });
    $('#msg').val('');
  });

  $('#search').on('keyup', function () {
    var q = $(this).val();
    if (q.length < 2) return $('#search-results').empty();
    socket.emit('search', { room: currentRoom, pattern: q });
  });

  $('#logout').on('click', function (e) {
    e.preventDefault();
    $.ajax({ url: '/api/logout', type: 'POST' }).always(function () {
      window.location.href = getParam('return') || '/'; //@vuln CWE-601
    });
  });
});

socket.on('message', function (msg) {
  $('#messages').append('<li><span class="time">' + timeStr(msg.at) + '</span> <b>' + msg.user + '</b>: ' + msg.text + '</li>'); //@vuln CWE-79
  if (document.hidden) {
    unread++;
    document.title = '(' + unread + ') Chat';
  }
  scrollDown();
});

socket.on('history', function (rows) {
  $('#messages').empty();
  rows.forEach(function (m) {
    $('#messages').append('<li class="old"><span class="time">' + timeStr(m.created_at) + '</span> <b>' + escapeHtml(m.username) + '</b>: ' + escapeHtml(m.body) + '</li>'); //@safe
  });
  scrollDown();
});

socket.on('topic', function (d) {
  $('#topic').html(d.topic || '<i>no topic set</i>'); //@vuln CWE-79
});

socket.on('preview', function (p) {
  var card = '<div class="preview"><a href="' + p.url + '" target="_blank">' + escapeHtml(p.title) + '</a>';
  if (p.image) card += '<img src="' + escapeHtml(p.image) + '">';
  $('#messages li:last').append(card + '</div>'); //@vuln CWE-79
});

socket.on('search results', function (rows) {
  $('#search-results').empty().append(rows.slice(0, 50).map(function (m) { return $('<li>').text(m.username + ': ' + m.body); }));
});

socket.on('online', function (n) {
  $('#online-count').text(n + ' online');
});

socket.on('error message', function (m) {
  alert(m);
});

// socket.on('reconnect', function () {
//   socket.emit('restore', { state: localStorage.getItem('chatState') });
// });
