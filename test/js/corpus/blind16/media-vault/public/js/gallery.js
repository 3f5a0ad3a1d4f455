document.addEventListener('DOMContentLoaded', function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var caption = params.get('caption');
  var folder = params.get('folder');

  if (folder) {
    document.getElementById('crumb').textContent = 'Folder: ' + folder; //@safe
  }
  if (caption) {
    document.getElementById('caption').innerHTML = caption; //@vuln CWE-79
  }
});
