import { describe, expect, it } from 'vitest';
import { Topology } from '../../shared/model';
import { emptyTemplate } from '../../shared/model/templates';
import { addNode } from '../store/edits/nodes';
import { estimatedCardSize, estimatedHandles, fitViewport } from './initial-view';

describe('initial view of a big graph', () => {
  it('handles sit centred on the left and right borders, as React Flow measures them', () => {
    const size = estimatedCardSize(false, true);
    expect(estimatedHandles('service', size)).toEqual([
      expect.objectContaining({ type: 'target', x: -4, y: (size.height - 10) / 2 }),
      expect.objectContaining({ type: 'source', x: size.width - 6, y: (size.height - 10) / 2 }),
    ]);
    expect(estimatedHandles('sink', size).map((h) => h.type)).toEqual(['target']);
    expect(estimatedHandles('group', size)).toEqual([]);
    expect(estimatedCardSize(true, false).height).toBeGreaterThan(estimatedCardSize(false, false).height);
  });

  it('fits every node (children at their parent offset) into the pane', () => {
    let t = Topology.parse(emptyTemplate());
    t = addNode('producer', { x: 0, y: 0 }).run(t).topology;
    t = addNode('sink', { x: 1000, y: 500 }).run(t).topology;
    const size = { width: 200, height: 100 };
    const v = fitViewport(t, () => size, { width: 600, height: 300 }, { minZoom: 0.05, maxZoom: 2, padding: 0 });
    // bounds 1200 × 600 into 600 × 300: half size, top-left at the pane's corner
    expect(v.zoom).toBeCloseTo(0.5);
    expect(v.x).toBeCloseTo(0);
    expect(v.y).toBeCloseTo(0);
    const none = fitViewport(Topology.parse(emptyTemplate()), () => size, { width: 600, height: 300 }, { minZoom: 0.05, maxZoom: 2, padding: 0 });
    expect(none).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
