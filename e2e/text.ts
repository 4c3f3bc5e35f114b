import type { Locator } from 'playwright-core';

/** Polls until the locator's text matches (the UI updates after a request); fails with the last text seen. */
export async function textMatching(locator: Locator, pattern: RegExp): Promise<string> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    if (await locator.isVisible()) {
      // biome-ignore lint/performance/useDomNodeTextContent: innerText is the text as rendered (line breaks between cells), which is what the user sees
      last = (await locator.innerText()).trim();
      if (pattern.test(last)) return last;
    }
    await locator.page().waitForTimeout(100);
  }
  throw new Error(`Expected text matching ${pattern}, last seen: "${last}"`);
}

/** Waits until the element is on screen, then returns its text as rendered. */
export async function visibleText(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'visible' });
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is the text as rendered, which is what the user sees
  return (await locator.innerText()).trim();
}

/** The text as written, not as styled (badges are uppercased by CSS). */
export async function textContent(locator: Locator): Promise<string> {
  await locator.waitFor({ state: 'visible' });
  return ((await locator.textContent()) ?? '').trim();
}
