#include "CGraphvizReader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

// Address space reserved per graph, whose pages are touched only as the graph uses them. A
// graph that outgrows it continues with calloc, correct but no longer ordered.
static const size_t arena_reservation = (size_t)1 << 30;

typedef struct {
  char *base;
  size_t used;
} Arena;

static void *arena_open(Agdisc_t *discipline) {
  (void)discipline;
  Arena *arena = calloc(1, sizeof(Arena));
  if (arena == NULL) {
    return NULL;
  }
  void *base = mmap(NULL, arena_reservation, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  arena->base = base == MAP_FAILED ? NULL : base;
  return arena;
}

static int arena_owns(const Arena *arena, const void *pointer) {
  const char *address = pointer;
  return arena != NULL && arena->base != NULL && address >= arena->base &&
         address < arena->base + arena_reservation;
}

// Returns zeroed memory, as libgraphviz's own allocator does. Fresh anonymous pages are
// zero and the arena never hands out an address twice.
static void *arena_alloc(void *state, size_t request) {
  Arena *arena = state;
  size_t aligned = request == 0 ? 16 : (request + 15) & ~(size_t)15;
  if (arena == NULL || arena->base == NULL || aligned > arena_reservation - arena->used) {
    return calloc(1, request);
  }
  void *pointer = arena->base + arena->used;
  arena->used += aligned;
  return pointer;
}

static void *arena_resize(void *state, void *pointer, size_t old_size, size_t request) {
  void *moved = arena_alloc(state, request);
  if (moved == NULL) {
    return NULL;
  }
  if (pointer != NULL) {
    memcpy(moved, pointer, old_size < request ? old_size : request);
    if (!arena_owns(state, pointer)) {
      free(pointer);
    }
  }
  return moved;
}

// Memory inside the arena is released all at once when the graph closes.
static void arena_free(void *state, void *pointer) {
  if (pointer != NULL && !arena_owns(state, pointer)) {
    free(pointer);
  }
}

static void arena_close(void *state) {
  Arena *arena = state;
  if (arena == NULL) {
    return;
  }
  if (arena->base != NULL) {
    munmap(arena->base, arena_reservation);
  }
  free(arena);
}

static Agmemdisc_t arena_discipline = {arena_open, arena_alloc, arena_resize, arena_free,
                                       arena_close};

typedef struct {
  const char *text;
  size_t length;
  size_t position;
} TextChannel;

// Hands the parser at most one line per call, up to `size` bytes, as `agmemread` does.
static int read_line(void *channel, char *buffer, int size) {
  TextChannel *input = channel;
  if (size <= 0 || input->position >= input->length) {
    return 0;
  }
  int count = 0;
  while (count < size && input->position < input->length) {
    char character = input->text[input->position++];
    buffer[count++] = character;
    if (character == '\n') {
      break;
    }
  }
  return count;
}

// The graph keeps pointers to its disciplines after parsing, so they outlive each call.
// Callers serialize calls, as every use of libgraphviz must be.
static Agiodisc_t line_reader;
static Agdisc_t reader_discipline;

Agraph_t *blast_read_dot(const char *text) {
  line_reader = AgIoDisc;
  line_reader.afread = read_line;
  reader_discipline.mem = &arena_discipline;
  reader_discipline.id = &AgIdDisc;
  reader_discipline.io = &line_reader;
  TextChannel channel = {text, strlen(text), 0};
  return agread(&channel, &reader_discipline);
}
