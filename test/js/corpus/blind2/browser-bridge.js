const frame = document.getElementById('preview');

window.addEventListener('message', (event) => {
  if (event.data.type === 'render') {
    document.getElementById('out').innerHTML = event.data.html; //@vuln CWE-79
  }
});

window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  document.getElementById('status').textContent = event.data.status; //@safe
});

window.addEventListener('message', (e) => {
  const fn = new Function(e.data.code); //@vuln CWE-95|CWE-94
  fn();
});

frame.contentWindow.postMessage({ token: sessionStorage.getItem('t') }, '*'); //@vuln CWE-345|CWE-201
frame.contentWindow.postMessage({ hello: 1 }, 'https://app.example.com'); //@safe

const params = new URLSearchParams(location.search);
location.href = params.get('next'); //@vuln CWE-601
document.title = params.get('title') || 'Home'; //@safe
