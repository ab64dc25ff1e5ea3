// A step of 登錄 has loaded: focus goes to the summary of its problems when there are any (a screen reader reads
// them, and each links to its field), otherwise to the step's heading, so nobody starts at the top of the page.
(function () {
  'use strict';
  const target = document.getElementById('error-summary') || document.getElementById('step-heading');
  if (target) { target.focus(); }
})();
