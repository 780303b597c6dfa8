// The header's menu and language list are <details>: they open and close without JavaScript. This only adds
// what a visitor expects of a menu laid over the page: Escape closes it (back to its button), and so does a
// tap or click anywhere outside it. (Only one is open at a time by <details name="header">.)
(function () {
  "use strict";
  var menus = document.querySelectorAll(".site-header details.header-menu");
  if (!menus.length) return;

  function closeAll(except) {
    menus.forEach(function (menu) {
      if (menu !== except && menu.open) menu.open = false;
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector(".site-header details.header-menu[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  document.addEventListener("click", function (event) {
    var inside = event.target.closest && event.target.closest(".site-header details.header-menu");
    closeAll(inside);
  });
})();
