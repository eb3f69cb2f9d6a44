// Live updates for the cabinets. Everything works without this file; it only adds: new notifications
// announced as they arrive (through the web app's relay of the notifications stream), the unread
// badge kept current, and focus moved to a form's error summary so keyboard and screen-reader users
// land on what to fix.
(function () {
  "use strict";
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }

  var streamUrl = document.body.getAttribute("data-stream");
  if (!streamUrl || !window.EventSource) { return; }
  var live = document.getElementById("live-region");
  var badge = document.querySelector("[data-unread]");
  var count = document.querySelector("[data-unread-count]");
  var source = new EventSource(streamUrl);

  function localPath(link) {
    try {
      var path = new URL(link, window.location.href).pathname;
      return /^\/(requests|projects)\//.test(path) ? path : "/notifications";
    } catch (e) { return "/notifications"; }
  }

  source.addEventListener("notification", function (event) {
    var item;
    try { item = JSON.parse(event.data); } catch (e) { return; }
    if (count && badge) {
      count.textContent = String((parseInt(count.textContent, 10) || 0) + 1);
      badge.hidden = false;
    }
    if (live) {
      var toast = document.createElement("p");
      toast.className = "toast";
      var link = document.createElement("a");
      link.href = localPath(item.link);
      link.textContent = item.title;
      toast.appendChild(link);
      live.appendChild(toast);
      window.setTimeout(function () { toast.remove(); }, 15000);
    }
    document.dispatchEvent(new CustomEvent("gc:notification", { detail: item }));
  });
})();
