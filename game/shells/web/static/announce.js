/* Five Levers: a page load is not announced by a live region (its text was
   there from the start), so after each load the customer's new line (the
   element marked aria-live) is copied into a polite, visually hidden live
   region a moment later, where a screen reader reads it as news. Works with
   the page as it is; without script the reply group's description still
   names the line. */
document.addEventListener("DOMContentLoaded", function () {
  var source = document.querySelector("[aria-live]:not(#announcer)");
  if (!source) {
    return;
  }
  var announcer = document.createElement("div");
  announcer.id = "announcer";
  announcer.className = "visually-hidden";
  announcer.setAttribute("aria-live", "polite");
  announcer.setAttribute("role", "status");
  document.body.appendChild(announcer);
  window.setTimeout(function () {
    announcer.textContent = source.innerText.replace(/\s+/g, " ").trim();
  }, 400);
});
