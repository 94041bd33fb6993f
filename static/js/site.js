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

  // People's stars: the form posts without a reload and the button shows the new state.
  // Without fetch, or when it fails, the form is submitted the ordinary way.
  function showStar(form, starred, count) {
    var button = form.querySelector(".star-button");
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.querySelector(".star-icon").textContent = starred ? "★" : "☆";
    form.querySelector("[data-star-action]").value = starred ? "unstar" : "star";
    form.querySelector("[data-star-count]").textContent = count ? "Starred by " + count : "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-star-form]");
    if (!form || !window.fetch || !window.FormData) return;
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    form.setAttribute("aria-busy", "true");
    // getAttribute: `form.action` would be the hidden input named "action".
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error("star failed: " + response.status);
        return response.json();
      })
      .then(function (data) {
        showStar(form, data.starred, data.count);
        form.removeAttribute("aria-busy");
      })
      .catch(function () {
        // The form says which state it wants, so sending it again cannot double-toggle.
        form.submit();
      });
  });

  // Timed notes: open the talk's own player at the note's moment instead of leaving the page.
  var facades = new WeakMap();
  document.querySelectorAll("[data-video]").forEach(function (box) {
    var facade = box.querySelector(".video-facade");
    if (facade) facades.set(box, facade.cloneNode(true));
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-seek]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    var box = document.querySelector(".talk-video [data-video]");
    var original = box && facades.get(box);
    var seconds = parseInt(link.getAttribute("data-seek"), 10);
    if (!original || isNaN(seconds)) return;
    // A player already running is replaced by a fresh one that starts at the new time.
    box.replaceChildren(original.cloneNode(true));
    if (loadVideo(box.querySelector(".video-facade"), seconds)) {
      event.preventDefault();
      box.scrollIntoView({ behavior: "smooth", block: "center" });
    }
  });
})();
