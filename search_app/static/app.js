// Vraagbaak: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // "/" jumps to the search field (as on GitHub and gov.uk), unless the user is typing.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var field = document.getElementById("q");
    if (field) {
      event.preventDefault();
      field.focus();
      field.select();
    }
  });
})();
