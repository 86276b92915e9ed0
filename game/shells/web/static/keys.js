/* Five Levers: keys 1-9 pick a reply (the button with that data-key),
   unless the focus is in a text field or a modifier key is held. */
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) {
    return;
  }
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) {
    return;
  }
  if (!/^[1-9]$/.test(event.key)) {
    return;
  }
  var button = document.querySelector('button[data-key="' + event.key + '"]');
  if (button && !button.disabled) {
    event.preventDefault();
    button.disabled = true;  /* one reply per key press */
    var form = button.form;
    var chosen = document.createElement("input");
    chosen.type = "hidden";
    chosen.name = button.name;
    chosen.value = button.value;
    form.appendChild(chosen);
    form.submit();
  }
});
