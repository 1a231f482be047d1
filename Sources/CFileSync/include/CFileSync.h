#ifndef BLASTRADIUS_CFILESYNC_H
#define BLASTRADIUS_CFILESYNC_H

/// Starts writing the file's dirty pages to storage and returns without waiting for them.
/// It neither waits for the writes nor flushes the device cache, so `fsync(2)` is still
/// needed. Returns 0, or -1 with `errno` set. Where the system lacks the call, does nothing
/// and returns 0.
int blast_start_writeback(int descriptor);

#endif
