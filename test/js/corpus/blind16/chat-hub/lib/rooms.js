var rooms = {};

function getRoom(name) {
  if (!rooms[name]) rooms[name] = { members: [], settings: { filters: [], slowMode: 0 } };
  return rooms[name];
}

function updateSettings(roomName, keyPath, value) {
  var parts = String(keyPath).split('.');
  var target = getRoom(roomName).settings;
  for (var i = 0; i < parts.length - 1; i++) {
    if (!target[parts[i]]) target[parts[i]] = {};
    target = target[parts[i]];
  }
  target[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

function isFiltered(roomName, text) {
  var filters = getRoom(roomName).settings.filters || [];
  return filters.some(function (pattern) {
    return new RegExp(pattern, 'i').test(text); //@vuln CWE-1333
  });
}

function escapeRegExp(s) {
  return String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function highlightMentions(text, nick) {
  var re = new RegExp('@' + escapeRegExp(nick) + '\\b', 'g'); //@safe
  return text.replace(re, '**@' + nick + '**');
}

module.exports = { getRoom: getRoom, updateSettings: updateSettings, isFiltered: isFiltered, highlightMentions: highlightMentions };
