export const hello = "stub";
