// The share button: the phone's own share sheet (Web Share API) where the browser has one, otherwise
// the link is copied to the clipboard, and a line under the button says what happened. Without
// JavaScript the button stays hidden and the plain link next to it is there to copy.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".share-button[data-share-url]");
  if (!buttons.length) return;

  function say(button, message) {
    var status = button.parentNode.querySelector(".share-status");
    if (status) status.textContent = message;
  }

  function copy(button, url) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(url).then(
        function () { say(button, button.getAttribute("data-copied")); },
        function () { say(button, button.getAttribute("data-copy-failed")); }
      );
    }
    say(button, button.getAttribute("data-copy-failed"));
    var link = button.parentNode.querySelector(".share-link a");
    if (link && window.getSelection) {
      var range = document.createRange();
      range.selectNodeContents(link);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    return Promise.resolve();
  }

  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-share-url");
      var data = { title: button.getAttribute("data-share-title"), url: url };
      if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
        navigator.share(data).catch(function (error) {
          // Closing the share sheet is not a failure; anything else falls back to copying.
          if (!error || error.name !== "AbortError") copy(button, url);
        });
        return;
      }
      copy(button, url);
    });
  });
})();
