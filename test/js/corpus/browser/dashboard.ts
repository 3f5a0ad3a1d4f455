import $ from 'jquery';

interface Notice {
  id: number;
  text: string;
}

const query = new URLSearchParams(location.search);

export function renderNotice(n: Notice): void {
  const li = document.createElement('li');
  li.textContent = n.text; //@safe
  document.getElementById('notices')!.appendChild(li);
}

export function showWelcome(): void {
  const user = query.get('user') ?? 'friend';
  $('#welcome').html('<b>Welcome back, ' + user + '</b>'); //@vuln CWE-79
  $('#welcome-text').text('Welcome back, ' + user); //@safe
}

export function openHelp(): void {
  const topic = query.get('topic');
  const frame = document.getElementById('help') as HTMLIFrameElement;
  frame.srcdoc = `<h1>${topic}</h1>`; //@vuln CWE-79
}

export function jump(): void {
  const dest = document.referrer;
  location.assign(dest); //@vuln CWE-601
  location.assign('/home'); //@safe
}

export function filterRows(): RegExp {
  const pattern = query.get('filter') ?? '';
  return new RegExp(pattern, 'i'); //@vuln CWE-1333
}
