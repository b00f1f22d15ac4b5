// Progressive enhancement: the comment form's time starts when the reader starts on it.
// The page may come from a cache, so the time it was rendered says nothing of when this reader
// saw it; the server refuses a form sent sooner than a person writes (spam.check_form_token).
// Without this script the form keeps the time its page was rendered.
for (const form of document.querySelectorAll("form[data-form-token-url]")) {
  const field = form.querySelector('input[name="timestamp"]');
  const start = async () => {
    form.removeEventListener("focusin", start);
    try {
      const response = await fetch(form.dataset.formTokenUrl, { cache: "no-store" });
      if (response.ok) field.value = (await response.json()).timestamp;
    } catch {
      // Offline for a moment: the page's own time stands.
    }
  };
  form.addEventListener("focusin", start);
}
