/**
 * The resources of `mentraos mcp`: each wearer's views (as text and as the PNG the screenshot tool gives),
 * the app's log and its app_config.json. A client that subscribes to one hears
 * `notifications/resources/updated` when it changes; a new wearer changes the list.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { ControlError, type ViewName } from '../../protocol/control';
import { loadAppConfig } from '../app-config';
import type { ToolContext } from './context';
import { snapshotOf, VIEW_NAMES, viewsOf } from './views';

export const LOG_URI = 'mentraos://app/log';
export const CONFIG_URI = 'mentraos://app/config';

/** The URI of a wearer's view: as text (JSON), or `png`. */
export function viewUri(wearer: string, view: ViewName, png = false): string {
  return `mentraos://wearers/${encodeURIComponent(wearer)}/views/${view}${png ? '/png' : ''}`;
}

/** Registers the resources and their subscriptions; returns the function that stops the notifications. */
export function registerResources(ctx: ToolContext): () => void {
  const { server, target, sdk } = ctx;
  const client = target.client;
  const subscribed = new Set<string>();
  const updated = (uri: string) => {
    if (subscribed.has(uri)) void server.server.sendResourceUpdated({ uri }).catch(() => undefined);
  };

  server.server.registerCapabilities({ resources: { subscribe: true, listChanged: true } });
  server.server.setRequestHandler(sdk.SubscribeRequestSchema, async (req) => {
    subscribed.add(req.params.uri);
    return {};
  });
  server.server.setRequestHandler(sdk.UnsubscribeRequestSchema, async (req) => {
    subscribed.delete(req.params.uri);
    return {};
  });

  server.registerResource(
    'app-log',
    LOG_URI,
    { title: "The app's log", description: "The app's recent output and the local cloud's notes", mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: target.log.tail().join('\n') }] }),
  );

  server.registerResource(
    'app-config',
    CONFIG_URI,
    { title: 'app_config.json', description: "The app's config file: its settings, tools and webview", mimeType: 'application/json' },
    async (uri) => {
      const entry = target.entryPath;
      const source = entry ? loadAppConfig(entry).source : null;
      if (!entry || !source) throw new ControlError('not_supported', 'No app_config.json (or tpa_config.json) was found beside the app');
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: await readFile(path.resolve(path.dirname(entry), source), 'utf8') }] };
    },
  );

  const wearerOf = (vars: Variables) => decodeURIComponent(String(vars.wearer));
  const viewOf = (vars: Variables): ViewName => {
    const v = String(vars.view);
    if (v !== 'main' && v !== 'dashboard') throw new ControlError('invalid_input', `No view "${v}": the views are main and dashboard`);
    return v;
  };
  const list = (png: boolean) => async () => {
    const users = (await client.listUsers()).users ?? [];
    return {
      resources: users.flatMap((u) =>
        VIEW_NAMES.map((v) => ({
          uri: viewUri(u.user_id, v, png),
          name: `${u.user_id} ${v}${png ? ' (PNG)' : ''}`,
          mimeType: png ? 'image/png' : 'application/json',
        })),
      ),
    };
  };

  server.registerResource(
    'wearer-view',
    new sdk.ResourceTemplate('mentraos://wearers/{wearer}/views/{view}', { list: list(false) }),
    { title: "A wearer's view", description: 'What the main view or the dashboard shows: texts, description, layout', mimeType: 'application/json' },
    async (uri, vars) => {
      const view = viewOf(vars);
      const { views } = viewsOf(await snapshotOf(ctx, wearerOf(vars)));
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(views[view], null, 2) }] };
    },
  );

  server.registerResource(
    'wearer-view-png',
    new sdk.ResourceTemplate('mentraos://wearers/{wearer}/views/{view}/png', { list: list(true) }),
    { title: "A wearer's view as a picture", description: 'The view drawn as the glasses draw it (576x135 PNG)', mimeType: 'image/png' },
    async (uri, vars) => {
      const shot = await client.screenshot(wearerOf(vars), viewOf(vars));
      return { contents: [{ uri: uri.href, mimeType: 'image/png', blob: shot.png_base64! }] };
    },
  );

  let logPending = false;
  const offLog = target.log.onChange(() => {
    if (logPending || !subscribed.has(LOG_URI)) return;
    logPending = true;
    setImmediate(() => {
      logPending = false;
      updated(LOG_URI);
    });
  });
  const known = new Set<string>();
  const offEvents = client.on('*', (e) => {
    if (e.type === 'display_update') {
      updated(viewUri(e.user_id, e.view));
      updated(viewUri(e.user_id, e.view, true));
    } else if (e.type === 'session_state' && !known.has(e.user_id)) {
      known.add(e.user_id);
      server.sendResourceListChanged();
    }
  });
  return () => {
    offLog();
    offEvents();
  };
}
