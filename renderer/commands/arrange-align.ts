import type { AlignMode, DistributeAxis } from '../layout/align';
import { alignPositions, distributePositions } from '../layout/align';
import { moveNodes } from '../store/edits/nodes';
import type { CommandContext, EditorCommand } from './command';
import { selectedNodeIds } from './command';

const enough = (n: number) => (ctx: CommandContext) => ctx.editor.doc.getState().selection.nodes.size >= n;

function align(id: EditorCommand['id'], mode: AlignMode, label: string): EditorCommand {
  return {
    id,
    enabled: enough(2),
    perform: (ctx) => {
      const s = ctx.editor.doc.getState();
      s.apply(moveNodes(alignPositions(s.topology, selectedNodeIds(ctx), mode, s.measured), label));
    },
  };
}

function distribute(id: EditorCommand['id'], axis: DistributeAxis, label: string): EditorCommand {
  return {
    id,
    enabled: enough(3),
    perform: (ctx) => {
      const s = ctx.editor.doc.getState();
      s.apply(moveNodes(distributePositions(s.topology, selectedNodeIds(ctx), axis, s.measured), label));
    },
  };
}

export const alignCommands: readonly EditorCommand[] = [
  align('arrange.alignLeft', 'left', 'Align left'),
  align('arrange.alignCenterH', 'centerH', 'Align centres'),
  align('arrange.alignRight', 'right', 'Align right'),
  align('arrange.alignTop', 'top', 'Align top'),
  align('arrange.alignCenterV', 'centerV', 'Align middles'),
  align('arrange.alignBottom', 'bottom', 'Align bottom'),
  distribute('arrange.distributeH', 'horizontal', 'Distribute horizontally'),
  distribute('arrange.distributeV', 'vertical', 'Distribute vertically'),
];
