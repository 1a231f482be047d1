#define _GNU_SOURCE
#include "CFileSync.h"

#include <fcntl.h>

int blast_start_writeback(int descriptor) {
#ifdef SYNC_FILE_RANGE_WRITE
  // Offset 0 and length 0 cover the whole file, up to its current end.
  return sync_file_range(descriptor, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
  (void)descriptor;
  return 0;
#endif
}
