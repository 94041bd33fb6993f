// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Click-to-load video: swap the facade link for the player only when asked.
  function loadVideo(facade, start) {
    var url = facade.getAttribute("data-embed-url");
    if (!url) return false;
    if (typeof start === "number" && start > 0) {
      url = url.indexOf("vimeo.com") !== -1
        ? url.replace(/#t=\d+s$/, "") + "#t=" + start + "s"
        : url.replace(/&start=\d+/, "") + "&start=" + start;
    }
    var iframe = document.createElement("iframe");
    iframe.src = url;
    iframe.title = facade.getAttribute("data-embed-title") || "Video player";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.allowFullscreen = true;
    iframe.loading = "lazy";
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    var box = facade.closest("[data-video]");
    box.replaceChildren(iframe);
    box.classList.add("is-playing");
    return true;
  }

  document.addEventListener("click", function (event) {
    var facade = event.target.closest(".video-facade");
    if (facade && loadVideo(facade)) {
      event.preventDefault();
    }
  });

  window.confnotes = { loadVideo: loadVideo };
})();
