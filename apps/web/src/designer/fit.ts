export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Viewbox extends Box {
  scale: number;
  inner: Box;
  outer: { width: number; height: number };
}

export interface ViewboxCanvas {
  viewbox(): Viewbox;
  viewbox(box: Box): Viewbox;
  getContainer(): HTMLElement;
}

/** Room kept free on the left for the palette (when it cannot be measured) and around the diagram, in pixels. */
const PALETTE_PX = 120;
export const EDGE_PX = 24;

/**
 * The viewbox showing the whole diagram (`inner`) in a canvas of `outer` pixels, none of it under the
 * palette: the scale is chosen for the room left once the palette and the margins (screen pixels) are
 * taken off, never above 1; the diagram starts a margin right of the palette, centred vertically.
 */
export function besidePalette(inner: Box, outer: { width: number; height: number }, palettePx: number): Box {
  const roomX = Math.max(outer.width - palettePx - 2 * EDGE_PX, 1);
  const roomY = Math.max(outer.height - 2 * EDGE_PX, 1);
  const scale = Math.min(1, roomX / Math.max(inner.width, 1), roomY / Math.max(inner.height, 1));
  const width = outer.width / scale;
  const height = outer.height / scale;
  return {
    x: inner.x - (palettePx + EDGE_PX) / scale,
    y: inner.y - (height - inner.height) / 2,
    width,
    height,
  };
}

/** bpmn-js's own fit puts the diagram's left edge at the canvas's, where the palette covers the first steps. */
export function fitBesidePalette(canvas: ViewboxCanvas): void {
  const { inner, outer } = canvas.viewbox();
  if (inner.width === 0 && inner.height === 0) return;
  const container = canvas.getContainer();
  const palette = container.querySelector('.djs-palette');
  const measured = palette
    ? palette.getBoundingClientRect().right - container.getBoundingClientRect().left
    : 0;
  canvas.viewbox(besidePalette(inner, outer, measured > 0 ? measured : PALETTE_PX));
}
