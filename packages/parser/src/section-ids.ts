/** Section ids as in the binary format. */
export const SectionId = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

/**
 * Position of each non-custom section in the required order, by id: the data count section (12)
 * sits between element (9) and code (10), the tag section (13) between memory (5) and global (6).
 */
export const sectionOrder: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10, 5.5];
