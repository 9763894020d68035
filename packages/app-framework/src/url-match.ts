/**
 * WAMR's prefix rule for resource URLs (`check_url_start`): a leading `/` is optional on both
 * sides, a trailing `/` on the pattern is ignored, and a match ends at the end of the URL, at
 * `/` or at `?`. So `/url1` matches `url1`, `/url1/x` and `/url1?q`, not `/url10`.
 */
export function urlMatches(pattern: string, url: string): boolean {
  let p = pattern.startsWith("/") ? pattern.slice(1) : pattern;
  const u = url.startsWith("/") ? url.slice(1) : url;
  if (p.endsWith("/")) p = p.slice(0, -1);
  if (!u.startsWith(p)) return false;
  const next = u.charAt(p.length);
  return next === "" || next === "/" || next === "?";
}
