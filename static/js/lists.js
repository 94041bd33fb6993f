// Lists, for signed-in readers (base.html loads this after site.js). "Save to a list" links to
// the talk's list form; here the form opens in place and each tick saves at once. On a list's
// own page, talks move and go in place. Any failure falls back to the page or the form itself.
(function () {
  "use strict";
  var site = window.confnotes;
  if (!site || !window.fetch || !window.FormData || !window.DOMParser) return;

  // ---------- Save to a list ----------
  function postForm(form, data) {
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) throw new Error(response.status);
      return response.json().then(function (data) {
        if (!response.ok && !data.error) throw new Error(response.status);
        return data;
      });
    });
  }

  // One request at a time per form, each sending the form as it is when its turn comes.
  function queue(form, send) {
    var next = (form.confnotesQueue || Promise.resolve()).catch(function () {}).then(send);
    form.confnotesQueue = next;
    return next;
  }

  var panels = 0;

  function closePanel(control, focus) {
    var link = control.querySelector("[data-list-menu]");
    control.querySelector(".list-panel").remove();
    link.setAttribute("aria-expanded", "false");
    if (focus) link.focus();
  }

  function loadPanel(link, focusSelector) {
    var control = link.closest("[data-list-control]");
    return fetch(link.href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var form = page.querySelector("[data-list-form]");
        if (!form) throw new Error("no list form"); // signed out meanwhile: the login page
        var panel = control.querySelector(".list-panel");
        if (!panel) {
          panel = document.createElement("div");
          panel.className = "list-panel";
          panel.id = "list-panel-" + (++panels);
          control.appendChild(panel);
        }
        panel.replaceChildren(document.importNode(form, true));
        link.setAttribute("aria-controls", panel.id);
        link.setAttribute("aria-expanded", "true");
        var target = panel.querySelector(focusSelector || "input[type=checkbox]");
        if (target) target.focus();
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-list-menu]");
    if (!link || site.isModified(event)) return;
    event.preventDefault();
    var control = link.closest("[data-list-control]");
    if (control.querySelector(".list-panel")) return closePanel(control, false);
    loadPanel(link).catch(function () {
      window.location.assign(link.href);
    });
  });

  document.addEventListener("keydown", function (event) {
    var control = event.key === "Escape" && event.target.closest("[data-list-control]");
    if (control && control.querySelector(".list-panel")) closePanel(control, true);
  });

  // A tick saves the form's ticks (not a new list's name yet).
  document.addEventListener("change", function (event) {
    var box = event.target;
    var form = box.closest("[data-list-form]");
    if (!form || box.type !== "checkbox") return;
    form.setAttribute("aria-busy", "true");
    queue(form, function () {
      var data = new FormData(form);
      data.delete("new_list");
      return postForm(form, data);
    })
      .then(function (data) {
        if (data.error) throw new Error(data.error);
        form.removeAttribute("aria-busy");
        var name = box.parentElement.textContent.trim();
        site.announce((box.checked ? "Saved in " : "Taken out of ") + name);
      })
      .catch(function () {
        form.submit();
      });
  });

  // "Save" in a panel (a new list's name): saved, then the panel shows the lists anew.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest(".list-panel [data-list-form]");
    if (!form) return;
    event.preventDefault();
    var link = form.closest("[data-list-control]").querySelector("[data-list-menu]");
    queue(form, function () {
      return postForm(form, new FormData(form));
    })
      .then(function (data) {
        if (!data.error) {
          site.announce("Saved");
          return loadPanel(link, "button[type=submit]");
        }
        var problem = form.querySelector(".form-error-summary") || document.createElement("p");
        problem.className = "form-error-summary";
        problem.setAttribute("role", "alert");
        problem.textContent = data.error + " Nothing was changed.";
        form.prepend(problem);
      })
      .catch(function () {
        form.submit();
      });
  });

  // ---------- A list's own page ----------
  function refreshMoveButtons(list) {
    for (var i = 0; i < list.children.length; i++) {
      var buttons = list.children[i].querySelectorAll("[data-list-move] button");
      buttons[0].disabled = i === 0;
      buttons[1].disabled = i === list.children.length - 1;
    }
  }

  function moveItem(item, position, up) {
    var list = item.parentElement;
    var others = Array.prototype.filter.call(list.children, function (other) {
      return other !== item;
    });
    list.insertBefore(item, others[position] || null);
    refreshMoveButtons(list);
    var buttons = item.querySelectorAll("[data-list-move] button");
    // The button pressed may no longer move it (now first or last): focus its twin.
    var button = buttons[up ? 0 : 1];
    (button.disabled ? buttons[up ? 1 : 0] : button).focus();
    site.announce("Moved to place " + (position + 1) + " of " + list.children.length);
  }

  function removeItem(item, count) {
    var list = item.parentElement;
    var next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    refreshMoveButtons(list);
    document.querySelector("[data-list-count]").textContent =
      count + " talk" + (count === 1 ? "" : "s");
    var focus = next && next.querySelector("[data-list-remove] button");
    if (!list.children.length) {
      document.querySelector("[data-list-empty]").hidden = false;
      list.remove();
      focus = document.querySelector("h1");
      focus.setAttribute("tabindex", "-1");
    }
    focus.focus();
    site.announce("Removed from the list");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-list-move], [data-list-remove]");
    if (!form) return;
    event.preventDefault();
    var item = form.closest(".list-item");
    var direction = form.querySelector("[name=direction]");
    var up = direction && direction.value === "up";
    var data = new FormData(form);
    if (direction) {
      // The place it should end up in, so that sending it again cannot move it twice.
      var index = Array.prototype.indexOf.call(item.parentElement.children, item);
      data.append("to", index + (up ? -1 : 1));
    }
    queue(form, function () {
      return postForm(form, data);
    })
      .then(function (result) {
        if (result.error) throw new Error(result.error);
        if (direction) moveItem(item, result.position, up);
        else removeItem(item, result.count);
      })
      .catch(function () {
        form.submit();
      });
  });
})();
