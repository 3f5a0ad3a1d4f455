import { Template } from 'meteor/templating';
import { Meteor } from 'meteor/meteor';
import { Session } from 'meteor/session';
import { Messages } from '/imports/api/collections';

function linkify(text) {
  return text.replace(/(https?:\/\/[^\s]+)/g, '<a href="$1" target="_blank">$1</a>');
}

Template.chatRoom.onRendered(function () {
  const topic = new URLSearchParams(window.location.search).get('topic');
  if (topic) {
    this.find('.room-topic').innerHTML = decodeURIComponent(topic); //@vuln CWE-79
  }
});

Template.chatRoom.events({
  'input #composer'(event, instance) {
    instance.find('#preview').innerHTML = linkify(event.target.value); //@vuln CWE-79
  },
  'click .quote'(event, instance) {
    const msg = Messages.findOne(event.currentTarget.dataset.id);
    instance.find('#quoted').textContent = msg ? msg.body : ''; //@safe
  },
  'click .pin'(event, instance) {
    const msg = Messages.findOne(event.currentTarget.dataset.id);
    if (!msg) return;
    const pinned = instance.find('#pinned');
    pinned.outerHTML = `<div id="pinned" class="pinned">${msg.author}: ${msg.body}</div>`; //@vuln CWE-79
  },
  'submit #search'(event) {
    event.preventDefault();
    const term = event.target.term.value;
    Meteor.call('messages.containing', Session.get('roomId'), term);
  },
});
