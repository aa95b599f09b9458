// Sharing, the portal's one script: the phone's own share sheet (Zalo, Messenger, …) where the
// browser has one, and copy buttons for a link or a banner's embed code. Without JavaScript the
// buttons stay hidden and the fields can be selected and copied by hand.
(function () {
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var shareButton = box.querySelector("[data-share-native]");
    if (shareButton && navigator.share) {
      shareButton.hidden = false;
      shareButton.addEventListener("click", function () {
        var data = { title: box.getAttribute("data-title"), url: box.getAttribute("data-url") };
        navigator.share(data).catch(function () {});
      });
    }
  });

  // <button data-copy="ID" data-done="…" data-selected="…" hidden> copies the field #ID and says
  // so in the role="status" element beside it. Where the clipboard cannot be written, the
  // field's text is selected for the reader to copy.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role=status]");
    if (!field) {
      return;
    }
    function say(message) {
      if (status) {
        status.textContent = "";
        window.setTimeout(function () { status.textContent = message; }, 50);
      }
    }
    function selectField() {
      field.focus();
      field.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      say(button.getAttribute(copied ? "data-done" : "data-selected"));
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!navigator.clipboard || !window.isSecureContext) {
        selectField();
        return;
      }
      navigator.clipboard.writeText(field.value).then(function () {
        say(button.getAttribute("data-done"));
      }, selectField);
    });
  });
})();
