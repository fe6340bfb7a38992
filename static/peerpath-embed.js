// PeerPath embed helper, for the page that embeds a module (your intranet page).
// Include it once after your iframes:
//   <iframe src="https://training.example.org/peerpath/#/embed/de-escalation"
//           title="De-escalation" data-peerpath-embed width="100%" height="640"></iframe>
//   <script src="https://training.example.org/peerpath/peerpath-embed.js" async></script>
// It sizes each frame to its content and turns PeerPath's messages into DOM events on the
// iframe: "peerpath:ready", "peerpath:scene", "peerpath:decision", "peerpath:completed"
// (event.detail holds the message). Messages are only taken from the frames' own windows.
(function () {
  "use strict";
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-peerpath-embed]"));
  }
  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }
  window.addEventListener("message", function (event) {
    var frame = frames().filter(function (f) {
      return f.contentWindow === event.source;
    })[0];
    var data = event.data;
    if (!frame || event.origin !== originOf(frame)) return;
    if (!data || data.source !== "peerpath" || typeof data.type !== "string") return;
    if (data.type === "peerpath:resize" && typeof data.height === "number") {
      frame.style.height = Math.ceil(data.height) + "px";
      frame.style.border = "0";
      return;
    }
    frame.dispatchEvent(new CustomEvent(data.type, { detail: data, bubbles: true }));
  });
  function askForSize(frame) {
    var origin = originOf(frame);
    if (origin && frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "peerpath:request-size" }, origin);
    }
  }
  frames().forEach(function (frame) {
    frame.addEventListener("load", function () {
      askForSize(frame);
    });
    askForSize(frame);
  });
})();
