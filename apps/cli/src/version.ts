/** The CLI's version, as `microwasm --version` prints it. Keep in step with package.json. */
export const VERSION = "0.1.0";
