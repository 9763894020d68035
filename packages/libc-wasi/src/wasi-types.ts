/**
 * The enumerations and flag sets of wasi_snapshot_preview1, with the spec's values. Rights
 * are bit numbers below 30, so they are kept as plain numbers inside the package and cross
 * the guest boundary as u64.
 */

export const Filetype = {
  unknown: 0,
  blockDevice: 1,
  characterDevice: 2,
  directory: 3,
  regularFile: 4,
  socketDgram: 5,
  socketStream: 6,
  symbolicLink: 7,
} as const;

export const Clockid = { realtime: 0, monotonic: 1, processCputime: 2, threadCputime: 3 } as const;

export const Whence = { set: 0, cur: 1, end: 2 } as const;

export const Fdflags = { append: 1, dsync: 2, nonblock: 4, rsync: 8, sync: 16 } as const;
export const FDFLAGS_ALL = 0x1f;

export const Oflags = { creat: 1, directory: 2, excl: 4, trunc: 8 } as const;

export const Lookupflags = { symlinkFollow: 1 } as const;

export const Fstflags = { atim: 1, atimNow: 2, mtim: 4, mtimNow: 8 } as const;

export const Eventtype = { clock: 0, fdRead: 1, fdWrite: 2 } as const;
export const Subclockflags = { abstime: 1 } as const;
export const Eventrwflags = { hangup: 1 } as const;

export const Riflags = { recvPeek: 1, recvWaitall: 2 } as const;
export const Roflags = { recvDataTruncated: 1 } as const;
export const Sdflags = { rd: 1, wr: 2 } as const;

export const Advice = { normal: 0, sequential: 1, random: 2, willneed: 3, dontneed: 4, noreuse: 5 } as const;

export const Preopentype = { dir: 0 } as const;

/** Signals 0 (none) to 30 (sys). */
export const Signal = {
  none: 0,
  hup: 1,
  int: 2,
  quit: 3,
  ill: 4,
  trap: 5,
  abrt: 6,
  bus: 7,
  fpe: 8,
  kill: 9,
  usr1: 10,
  segv: 11,
  usr2: 12,
  pipe: 13,
  alrm: 14,
  term: 15,
  chld: 16,
  cont: 17,
  stop: 18,
  tstp: 19,
  ttin: 20,
  ttou: 21,
  urg: 22,
  xcpu: 23,
  xfsz: 24,
  vtalrm: 25,
  prof: 26,
  winch: 27,
  poll: 28,
  pwr: 29,
  sys: 30,
} as const;

export const Rights = {
  fdDatasync: 1 << 0,
  fdRead: 1 << 1,
  fdSeek: 1 << 2,
  fdFdstatSetFlags: 1 << 3,
  fdSync: 1 << 4,
  fdTell: 1 << 5,
  fdWrite: 1 << 6,
  fdAdvise: 1 << 7,
  fdAllocate: 1 << 8,
  pathCreateDirectory: 1 << 9,
  pathCreateFile: 1 << 10,
  pathLinkSource: 1 << 11,
  pathLinkTarget: 1 << 12,
  pathOpen: 1 << 13,
  fdReaddir: 1 << 14,
  pathReadlink: 1 << 15,
  pathRenameSource: 1 << 16,
  pathRenameTarget: 1 << 17,
  pathFilestatGet: 1 << 18,
  pathFilestatSetSize: 1 << 19,
  pathFilestatSetTimes: 1 << 20,
  fdFilestatGet: 1 << 21,
  fdFilestatSetSize: 1 << 22,
  fdFilestatSetTimes: 1 << 23,
  pathSymlink: 1 << 24,
  pathRemoveDirectory: 1 << 25,
  pathUnlinkFile: 1 << 26,
  pollFdReadwrite: 1 << 27,
  sockShutdown: 1 << 28,
  sockAccept: 1 << 29,
} as const;

/** Every right the spec defines. */
export const RIGHTS_ALL = (1 << 30) - 1;

/** What a regular file descriptor can ever have. */
export const RIGHTS_FILE =
  Rights.fdDatasync |
  Rights.fdRead |
  Rights.fdSeek |
  Rights.fdFdstatSetFlags |
  Rights.fdSync |
  Rights.fdTell |
  Rights.fdWrite |
  Rights.fdAdvise |
  Rights.fdAllocate |
  Rights.fdFilestatGet |
  Rights.fdFilestatSetSize |
  Rights.fdFilestatSetTimes |
  Rights.pollFdReadwrite;

/** What a directory descriptor can ever have (files opened under it inherit up to all rights). */
export const RIGHTS_DIRECTORY =
  Rights.fdFdstatSetFlags |
  Rights.fdSync |
  Rights.fdAdvise |
  Rights.pathCreateDirectory |
  Rights.pathCreateFile |
  Rights.pathLinkSource |
  Rights.pathLinkTarget |
  Rights.pathOpen |
  Rights.fdReaddir |
  Rights.pathReadlink |
  Rights.pathRenameSource |
  Rights.pathRenameTarget |
  Rights.pathFilestatGet |
  Rights.pathFilestatSetSize |
  Rights.pathFilestatSetTimes |
  Rights.fdFilestatGet |
  Rights.fdFilestatSetTimes |
  Rights.pathSymlink |
  Rights.pathRemoveDirectory |
  Rights.pathUnlinkFile |
  Rights.pollFdReadwrite;

/** A terminal: no seeking, which is how wasi-libc's isatty() recognizes one. */
export const RIGHTS_TTY =
  Rights.fdRead | Rights.fdWrite | Rights.fdFdstatSetFlags | Rights.fdFilestatGet | Rights.pollFdReadwrite;

/**
 * Any other stream (pipe, redirected file): seek rights, so it is not a tty; seeking gives
 * ESPIPE and syncing EINVAL, as on a pipe.
 */
export const RIGHTS_STREAM = RIGHTS_TTY | Rights.fdSeek | Rights.fdTell | Rights.fdDatasync | Rights.fdSync;

export const RIGHTS_SOCKET =
  Rights.fdRead |
  Rights.fdWrite |
  Rights.fdFdstatSetFlags |
  Rights.fdFilestatGet |
  Rights.pollFdReadwrite |
  Rights.sockShutdown |
  Rights.sockAccept;

/** Sizes and field offsets of the structs the calls read and write. */
export const Layout = {
  iovec: 8,
  fdstat: 24,
  filestat: 64,
  prestat: 8,
  direntHeader: 24,
  subscription: 48,
  event: 32,
} as const;
