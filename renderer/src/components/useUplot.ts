// Mounts a uPlot chart in a container, sized to it, rebuilt when its options or data change
// (e.g. a theme switch changes the colors) and destroyed with the component.
import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function useUplot(
  container: RefObject<HTMLDivElement | null>,
  build: ((width: number) => { options: uPlot.Options; data: uPlot.AlignedData }) | undefined,
  height: number,
): RefObject<uPlot | null> {
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = container.current;
    if (!el || !build) return;
    const width = Math.max(280, el.clientWidth);
    const { options, data } = build(width);
    const u = new uPlot({ ...options, width, height }, data, el);
    plot.current = u;
    let last = width;
    const ro = new ResizeObserver(() => {
      const w = Math.max(280, el.clientWidth);
      if (w !== last) {
        last = w;
        u.setSize({ width: w, height });
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [container, build, height]);
  return plot;
}

/** Axis colors for the current theme (canvas cannot read CSS variables by itself). */
export function axisStyle(colors: { text: string; grid: string }): Partial<uPlot.Axis> {
  return {
    stroke: colors.text,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
  };
}
