/** What an `/applet?…` install URL carries (host_tool's keys: name, type, heap, timers, wd). */
export interface AppletParams {
  readonly name?: string;
  readonly type?: string;
  readonly heap?: number;
  readonly timers?: number;
  readonly wd?: number;
}

/**
 * Builds an `/applet` URL as host_tool does (`/applet?name=N[&type=T][&heap=H][&timers=K][&wd=MS]`;
 * query alone is `/applet`). Values go in unescaped, as WAMR reads them.
 */
export function appletUrl(params: AppletParams = {}): string {
  const parts: string[] = [];
  if (params.name !== undefined) parts.push(`name=${params.name}`);
  if (params.type !== undefined) parts.push(`type=${params.type}`);
  if (params.heap !== undefined) parts.push(`heap=${params.heap}`);
  if (params.timers !== undefined) parts.push(`timers=${params.timers}`);
  if (params.wd !== undefined) parts.push(`wd=${params.wd}`);
  return parts.length === 0 ? "/applet" : `/applet?${parts.join("&")}`;
}

/** A URL's path and its `key=value` pairs (a repeated key keeps its first value, as WAMR's lookup finds). */
export function splitUrl(url: string): { path: string; query: Map<string, string> } {
  const mark = url.indexOf("?");
  const query = new Map<string, string>();
  if (mark >= 0)
    for (const pair of url.slice(mark + 1).split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      if (!query.has(key)) query.set(key, eq < 0 ? "" : pair.slice(eq + 1));
    }
  return { path: mark < 0 ? url : url.slice(0, mark), query };
}

/** Reads an `/applet` URL's parameters; a number that is not a whole decimal is `NaN`. */
export function parseAppletUrl(url: string): AppletParams {
  const { query } = splitUrl(url);
  const number = (key: string) => {
    const text = query.get(key);
    if (text === undefined) return undefined;
    return /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  };
  const params: { -readonly [K in keyof AppletParams]: AppletParams[K] } = {};
  const name = query.get("name");
  if (name !== undefined) params.name = name;
  const type = query.get("type");
  if (type !== undefined) params.type = type;
  const heap = number("heap");
  if (heap !== undefined) params.heap = heap;
  const timers = number("timers");
  if (timers !== undefined) params.timers = timers;
  const wd = number("wd");
  if (wd !== undefined) params.wd = wd;
  return params;
}
