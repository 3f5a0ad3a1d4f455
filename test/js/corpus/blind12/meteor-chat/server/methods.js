import { Meteor } from 'meteor/meteor';
import { check } from 'meteor/check';
import { Random } from 'meteor/random';
import { fetch } from 'meteor/fetch';
import { Messages, Rooms, Invites } from '/imports/api/collections';

function requireUser(userId) {
  if (!userId) throw new Meteor.Error('not-authorized');
}

async function loadPreview(url) {
  const response = await fetch(url, { redirect: 'follow' }); //@vuln CWE-918
  const text = await response.text();
  const title = /<title>([^<]{0,200})<\/title>/i.exec(text);
  return { url, title: title ? title[1] : url };
}

Meteor.methods({
  'messages.search'(selector) {
    requireUser(this.userId);
    return Messages.find(selector, { limit: 50, sort: { createdAt: -1 } }).fetch(); //@vuln CWE-943
  },

  'messages.containing'(roomId, term) {
    check(roomId, String);
    check(term, String);
    requireUser(this.userId);
    return Messages.find({ roomId, $where: `this.body.indexOf('${term}') !== -1` }).fetch(); //@vuln CWE-943
  },

  'messages.byAuthor'(roomId, author) {
    check(roomId, String);
    check(author, String);
    requireUser(this.userId);
    return Messages.find({ roomId, author }, { limit: 100 }).fetch(); //@safe
  },

  async 'messages.unfurl'(messageId, url) {
    check(messageId, String);
    check(url, String);
    requireUser(this.userId);
    const preview = await loadPreview(url);
    await Messages.updateAsync(messageId, { $set: { preview } });
    return preview;
  },

  async 'rooms.invite'(roomId) {
    check(roomId, String);
    requireUser(this.userId);
    const code = Random.secret(24); //@safe
    await Invites.insertAsync({ roomId, code, createdBy: this.userId, createdAt: new Date() });
    return code;
  },

  async 'rooms.guestPin'(roomId) {
    check(roomId, String);
    requireUser(this.userId);
    const pin = String(Math.floor(Math.random() * 1e6)).padStart(6, '0'); //@vuln CWE-338
    await Rooms.updateAsync(roomId, { $set: { guestPin: pin } });
    return pin;
  },
});
