/** What a wearer's views show, as the reading tools and resources put it: texts, a one-line description, the layout. */
import type { UserSnapshot, ViewName, ViewState } from '../../protocol/control';
import { layoutTexts } from '../../testing/display-match';
import { describeLayout } from '../format';
import type { ToolContext } from './context';

/** The views of the glasses, in the order tools list them. */
export const VIEW_NAMES = ['main', 'dashboard'] as const satisfies readonly ViewName[];

/** One view as the tools report it. */
export interface ViewSummary {
  /** Something is shown. */
  shown: boolean;
  /** One line: `text_wall: Weather App Ready`, or `(nothing)`. */
  description: string;
  /** The texts the layout shows (none for bitmaps). */
  texts: string[];
  layout: unknown;
  duration_ms?: number;
}

/** A view's state as a ViewSummary (`shown: false` when it shows nothing). */
export function viewSummary(state: ViewState | null): ViewSummary {
  if (!state) return { shown: false, description: '(nothing)', texts: [], layout: null };
  return {
    shown: true,
    description: describeLayout(state.layout),
    texts: layoutTexts(state.layout),
    layout: state.layout,
    ...(state.duration_ms === undefined ? {} : { duration_ms: state.duration_ms }),
  };
}

/** Both views of a wearer, and a line such as `[main] text_wall: hello; [dashboard] (nothing)`. */
export function viewsOf(user: Pick<UserSnapshot, 'views'>): { views: Record<ViewName, ViewSummary>; line: string } {
  const views = { main: viewSummary(user.views.main), dashboard: viewSummary(user.views.dashboard) };
  return { views, line: VIEW_NAMES.map((v) => `[${v}] ${views[v].description}`).join('; ') };
}

/** The wearer's state now, from the local cloud itself (not a mirror that may lag a moment behind). */
export async function snapshotOf(ctx: ToolContext, wearer: string): Promise<UserSnapshot> {
  const res = await ctx.target.client.send({ type: 'sync', user_id: wearer });
  return res.users![0]!;
}
