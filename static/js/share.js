// Share buttons: the phone's own share sheet (Zalo, Messenger, …) where the browser has one,
// and copying the link otherwise. Without JavaScript the link field stays usable by hand.
(function () {
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.getAttribute("data-url");
    var title = box.getAttribute("data-title");
    var shareButton = box.querySelector("[data-share-native]");
    var copyButton = box.querySelector("[data-share-copy]");
    if (shareButton && navigator.share) {
      shareButton.hidden = false;
      shareButton.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
    if (copyButton && navigator.clipboard) {
      copyButton.hidden = false;
      copyButton.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          copyButton.textContent = copyButton.getAttribute("data-done");
        });
      });
    }
  });
})();
