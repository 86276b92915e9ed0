/* Five Levers: a page load is not announced by a live region (its text was
   there from the start), so after each load what is new on the page (the
   elements marked data-announce, in order: the coaching on the last reply
   in coach mode, then the customer's new line) is put into the one polite,
   visually hidden live region a moment later, where a screen reader reads
   it once as news. Without script the reply group's description still
   names the line. */
document.addEventListener("DOMContentLoaded", function () {
  var sources = document.querySelectorAll("[data-announce]");
  if (!sources.length) {
    return;
  }
  var announcer = document.createElement("div");
  announcer.id = "announcer";
  announcer.className = "visually-hidden";
  announcer.setAttribute("aria-live", "polite");
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);
  window.setTimeout(function () {
    var parts = [];
    sources.forEach(function (source) {
      parts.push(source.innerText.replace(/\s+/g, " ").trim());
    });
    announcer.textContent = parts.join(" ");
  }, 400);
});
