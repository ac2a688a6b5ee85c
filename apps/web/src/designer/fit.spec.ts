import { besidePalette, EDGE_PX } from './fit';

/** Where a diagram point lands on screen for a viewbox of a canvas `outerWidth` pixels wide. */
function screenX(x: number, box: { x: number; width: number }, outerWidth: number): number {
  return ((x - box.x) * outerWidth) / box.width;
}

describe('besidePalette', () => {
  it('puts a wide diagram a margin right of the palette and its right edge a margin inside the canvas', () => {
    const inner = { x: 150, y: 80, width: 2400, height: 400 };
    const outer = { width: 1000, height: 500 };
    const box = besidePalette(inner, outer, 110);
    expect(screenX(inner.x, box, outer.width)).toBeCloseTo(110 + EDGE_PX);
    expect(screenX(inner.x + inner.width, box, outer.width)).toBeCloseTo(outer.width - EDGE_PX);
    // the aspect ratio of the canvas is kept, so bpmn-js applies the scale as computed
    expect(box.width / box.height).toBeCloseTo(outer.width / outer.height);
  });

  it('does not enlarge a small diagram, and centres it vertically', () => {
    const inner = { x: 0, y: 0, width: 300, height: 100 };
    const outer = { width: 1000, height: 500 };
    const box = besidePalette(inner, outer, 110);
    expect(box.width).toBe(1000);
    expect(screenX(0, box, outer.width)).toBeCloseTo(134);
    expect(box.y).toBeCloseTo(-200);
  });

  it('fits a tall diagram by its height', () => {
    const inner = { x: 0, y: 0, width: 200, height: 2000 };
    const outer = { width: 1000, height: 500 };
    const box = besidePalette(inner, outer, 110);
    expect(outer.height / box.height).toBeCloseTo((500 - 2 * EDGE_PX) / 2000);
    expect(screenX(0, box, outer.width)).toBeCloseTo(110 + EDGE_PX);
  });
});
