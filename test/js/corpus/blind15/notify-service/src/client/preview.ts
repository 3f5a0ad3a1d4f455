type PreviewMessage = { type: 'preview' | 'reset'; html?: string };

const params = new URLSearchParams(window.location.search);
const subjectEl = document.getElementById('subject') as HTMLElement;
const recipientEl = document.getElementById('recipient') as HTMLElement;
const frame = document.getElementById('preview-frame') as HTMLElement;

function showSubject(subject: string) {
  subjectEl.innerHTML = `<strong>${subject}</strong>`; //@vuln CWE-79
}

function showRecipient(recipient: string) {
  recipientEl.textContent = recipient; //@safe
}

window.addEventListener('message', (event: MessageEvent<PreviewMessage>) => {
  if (event.data?.type === 'preview' && event.data.html) {
    frame.innerHTML = event.data.html; //@vuln CWE-79
  } else if (event.data?.type === 'reset') {
    frame.replaceChildren();
  }
});

const notice = params.get('notice');
if (notice) {
  document.getElementById('notice')!.insertAdjacentHTML('afterbegin', `<div class="alert">${notice}</div>`); //@vuln CWE-79
}

showSubject(params.get('subject') ?? '(no subject)');
showRecipient(params.get('to') ?? '');
