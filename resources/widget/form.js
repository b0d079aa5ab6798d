/*
 * OmniDesk contact form. No dependencies, no build step; the form works without it.
 *
 * On a company's page, one tag embeds the form where the tag stands:
 *   <script src="https://support.example.com/widget/form.js" async></script>
 * (optional: data-lang="de"). Or embed the frame yourself:
 *   <iframe src="https://support.example.com/form?embed=1" title="Contact form"></iframe>
 *
 * On the gateway's own form pages (<html data-omnidesk="form">) it moves the focus to
 * the list of problems after a failed submission and tells an embedding page its height.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (document.documentElement.getAttribute("data-omnidesk") === "form") {
    runPage();
  } else if (script) {
    embed(script);
  }

  function embed(tag) {
    var origin = new URL(tag.src, location.href).origin;
    var lang = tag.getAttribute("data-lang");
    var frame = document.createElement("iframe");
    frame.src = origin + "/form?embed=1" + (lang ? "&lang=" + encodeURIComponent(lang) : "");
    frame.title = tag.getAttribute("data-title") || "Contact form";
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.minHeight = "640px";
    tag.parentNode.insertBefore(frame, tag.nextSibling);
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (data && data.omnidesk === "form" && typeof data.height === "number") {
        frame.style.height = Math.min(Math.max(data.height, 200), 5000) + "px";
        frame.style.minHeight = "0";
      }
    });
  }

  function runPage() {
    var summary = document.getElementById("summary");
    if (summary) summary.focus();
    if (window.parent === window) return;
    function report() {
      // Only a height: nothing about the visitor leaves the frame.
      window.parent.postMessage({ omnidesk: "form", height: document.documentElement.scrollHeight }, "*");
    }
    report();
    window.addEventListener("resize", report);
    if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  }
})();
