// 批次報備: while a batch is being checked or filed, its page asks for the progress every second and moves the bar;
// when the job is done it shows the page again, now with the rows. Without script the page offers a reload link.
(function () {
  'use strict';
  var section = document.getElementById('batch-progress');
  if (!section) {
    return;
  }
  var bar = document.getElementById('batch-bar');
  var text = document.getElementById('batch-progress-text');
  var url = section.getAttribute('data-progress');
  function ask() {
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (p) {
        if (!p.working) {
          window.location.reload();
          return;
        }
        var checking = p.state === 'CHECKING';
        bar.max = Math.max(1, checking ? p.total : p.ready);
        bar.value = checking ? p.checked : p.processed;
        text.textContent = p.text;
        setTimeout(ask, 1000);
      })
      .catch(function () { setTimeout(ask, 3000); });
  }
  setTimeout(ask, 500);
})();
