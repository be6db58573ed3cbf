#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stddef.h>
#include <string.h>

/* Bump allocation for cmark-gfm parses (see `CmarkArena` in CmarkParser.swift). cmark's
 * allocator callbacks carry no context, so the arena in use is a thread-local cursor; the
 * common case (room left in the current block) is a few instructions here, in C, instead of
 * a call through Swift. When the block is full, `overflow` (the Swift arena) opens another,
 * resets `next` and `end`, and allocates there.
 *
 * Every allocation is preceded by a 16-byte header holding its requested size (for realloc);
 * 16 keeps 16-byte alignment. Only calloc's memory is zeroed. free does nothing: the arena
 * is released whole. */
typedef struct ecograph_arena_cursor {
    char *next;
    char *end;
    void *context;
    void *(*overflow)(void *context, size_t size);
} ecograph_arena_cursor;

/* The thread's cursor, as a function-local static: Swift emits the functions of this header
 * it uses (with their local statics), not a header's global variables. The function is weak
 * and never inlined so that every object file that emits it shares one slot: the linker keeps
 * one definition, and all calls go to it. */
__attribute__((weak, noinline)) ecograph_arena_cursor **ecograph_arena_current(void) {
    static _Thread_local ecograph_arena_cursor *current;
    return &current;
}

static inline void ecograph_arena_set_current(ecograph_arena_cursor *cursor) { *ecograph_arena_current() = cursor; }

static inline size_t ecograph_arena_rounded(size_t size) { return (size + 16 + 15) & ~(size_t)15; }

static inline void *ecograph_arena_allocate(size_t size) {
    ecograph_arena_cursor *c = *ecograph_arena_current();
    size_t need = ecograph_arena_rounded(size);
    if ((size_t)(c->end - c->next) < need) return c->overflow(c->context, size);
    char *start = c->next;
    c->next = start + need;
    *(size_t *)start = size;
    return start + 16;
}

static void *ecograph_arena_calloc(size_t count, size_t size) {
    void *p = ecograph_arena_allocate(count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

static void *ecograph_arena_realloc(void *old, size_t size) {
    if (!old) return ecograph_arena_allocate(size);
    char *start = (char *)old - 16;
    size_t capacity = *(size_t *)start;
    if (size <= capacity) return old;
    ecograph_arena_cursor *c = *ecograph_arena_current();
    /* The most recent allocation grows in place when its block has room. */
    if (start + ecograph_arena_rounded(capacity) == c->next && (size_t)(c->end - start) >= ecograph_arena_rounded(size)) {
        c->next = start + ecograph_arena_rounded(size);
        *(size_t *)start = size;
        return old;
    }
    void *moved = ecograph_arena_allocate(size);
    if (moved) memcpy(moved, old, capacity);
    return moved;
}

static void ecograph_arena_free(void *p) { (void)p; }

/* cmark's allocator for the current thread's arena. */
static inline cmark_mem ecograph_arena_mem(void) {
    cmark_mem mem = { ecograph_arena_calloc, ecograph_arena_realloc, ecograph_arena_free };
    return mem;
}
