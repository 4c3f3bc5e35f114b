import type { Locator, Page } from 'playwright-core';

/** A stage's column on the kanban board. */
export const boardColumn = (page: Page, stage: string) => page.getByRole('region', { name: stage, exact: true });

/** A deal's card in a stage's column. */
export const boardCard = (page: Page, stage: string, name: string) =>
  boardColumn(page, stage).getByTestId('board-card').filter({ hasText: name });

/** Drags with real pointer events (dnd-kit starts a drag after a few pixels of movement). */
export async function drag(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag source or target is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height - 12, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + 160, { steps: 15 });
  await page.mouse.up();
}
