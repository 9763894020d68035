/** The daemon's version (kept equal to package.json's by hand, as the CLI's is). */
export const VERSION = "0.1.0";
