// Customer-support chat widget embedded on partner sites (browser bundle)
import DOMPurify from 'dompurify';

const WIDGET_ORIGIN = 'https://support.helpdesk.example';
const TRUSTED_PARENTS = ['https://shop.partner-one.example', 'https://store.partner-two.example'];

const state = {
  agentName: '',
  conversationId: null,
  visitorEmail: '',
};

function el(id) {
  return document.getElementById(id);
}

function renderAgentGreeting() {
  const params = new URLSearchParams(window.location.search);
  state.agentName = params.get('agent') || 'Support';
  el('greeting').innerHTML = `<strong>${state.agentName}</strong> is here to help`; //@vuln CWE-79
}

function renderAgentGreetingSafe() {
  const params = new URLSearchParams(window.location.search);
  const strong = document.createElement('strong');
  strong.textContent = params.get('agent') || 'Support'; //@safe
  el('greeting').replaceChildren(strong, document.createTextNode(' is here to help'));
}

function appendMessage(msg) {
  const list = el('messages');
  list.insertAdjacentHTML('beforeend', `<li class="msg ${msg.from}">${msg.text}</li>`); //@vuln CWE-79
}

function appendMessageSanitised(msg) {
  const list = el('messages');
  list.insertAdjacentHTML('beforeend', DOMPurify.sanitize(`<li class="msg">${msg.text}</li>`)); //@safe
}

function showTopicFromHash() {
  const topic = decodeURIComponent(window.location.hash.slice(1));
  document.write('<h3 class="topic">' + topic + '</h3>'); //@vuln CWE-79
}

function replaceBanner(html) {
  el('banner').outerHTML = html; //@vuln CWE-79
}

window.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'banner') replaceBanner(data.html);
  if (data.type === 'message') appendMessage(data);
});

window.addEventListener('message', (event) => {
  if (!TRUSTED_PARENTS.includes(event.origin)) return;
  const data = event.data || {};
  if (data.type === 'visitor') {
    state.visitorEmail = String(data.email || '');
    el('visitor').textContent = state.visitorEmail; //@safe
  }
  if (data.type === 'message') appendMessageSanitised(data);
});

function reportTranscriptToParent(transcript) {
  window.parent.postMessage({ type: 'transcript', transcript, email: state.visitorEmail }, '*'); //@vuln CWE-200|CWE-201|CWE-345|CWE-359
}

function reportReadyToParent() {
  window.parent.postMessage({ type: 'ready', conversationId: state.conversationId }, document.referrer ? new URL(document.referrer).origin : TRUSTED_PARENTS[0]); //@safe
}

function followHandoff() {
  const params = new URLSearchParams(window.location.search);
  const dest = params.get('handoff');
  if (dest) window.location.href = dest; //@vuln CWE-601
}

function followHandoffSafe() {
  const params = new URLSearchParams(window.location.search);
  const dest = new URL(params.get('handoff') || '/', WIDGET_ORIGIN);
  if (dest.origin === WIDGET_ORIGIN) window.location.assign(dest.href); //@safe
}

function runMacro(code) {
  setTimeout('window.widgetMacros.' + code + '()', 0); //@vuln CWE-95
}

function runMacroSafe(name) {
  const macro = window.widgetMacros && Object.prototype.hasOwnProperty.call(window.widgetMacros, name) ? window.widgetMacros[name] : null;
  if (typeof macro === 'function') setTimeout(macro, 0); //@safe
}

async function loadConversation(id) {
  const res = await fetch(`${WIDGET_ORIGIN}/api/conversations/${encodeURIComponent(id)}`, { credentials: 'include' }); //@safe
  const convo = await res.json();
  state.conversationId = convo.id;
  convo.messages.forEach(appendMessage);
  el('subject').innerText = convo.subject; //@safe
}

export function boot() {
  renderAgentGreeting();
  renderAgentGreetingSafe();
  showTopicFromHash();
  followHandoff();
  followHandoffSafe();
  reportReadyToParent();
  const macro = new URLSearchParams(window.location.search).get('macro');
  if (macro) runMacro(macro);
  if (macro) runMacroSafe(macro);
  el('end-chat').addEventListener('click', () => reportTranscriptToParent(el('messages').innerText));
  loadConversation(new URLSearchParams(window.location.search).get('c'));
}
