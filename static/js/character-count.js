// Progressive enhancement: under each comment box, how many characters are left. Nothing is
// lost without it: the browser stops typing at maxlength and the server checks the length.
for (const box of document.querySelectorAll("textarea[maxlength]:not([readonly])")) {
  const counter = document.createElement("p");
  counter.className = "char-count";
  counter.id = `${box.id}_count`;
  box.after(counter);
  // Read out with the help text when the box gets focus, not live on every keystroke.
  const described = box.getAttribute("aria-describedby");
  box.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);
  const update = () => {
    const left = box.maxLength - box.value.length;
    counter.textContent = `${left.toLocaleString("en")} character${left === 1 ? "" : "s"} left`;
  };
  box.addEventListener("input", update);
  update();
}
