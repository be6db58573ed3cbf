#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <string.h>

/*
 * ecograph_memread: agmemread with object IDs given in creation order.
 *
 * cgraph's default ID discipline uses the address of a name's interned string as the object's
 * ID, and keeps subgraphs ordered by ID: clusters were then laid out and written in an order
 * that changed from run to run with the heap layout. Here named objects get no ID from the
 * discipline (cgraph then takes an anonymous one from the counter and keeps the name in its
 * internal map), so IDs, and the order of clusters, follow the DOT text.
 */

static IDTYPE ecograph_next_id = 1;

static inline void *ecograph_id_open(Agraph_t *g, Agdisc_t *disc) { (void)disc; return g; }

static inline long ecograph_id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
    (void)state; (void)objtype; (void)createflag;
    if (str) return 0;
    *id = ecograph_next_id;
    ecograph_next_id += 2;  /* odd, like cgraph's own anonymous IDs */
    return 1;
}

static inline long ecograph_id_alloc(void *state, int objtype, IDTYPE request) {
    (void)state; (void)objtype;
    return request % 2 == 1;
}

static inline void ecograph_id_free(void *state, int objtype, IDTYPE id) { (void)state; (void)objtype; (void)id; }

static inline char *ecograph_id_print(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;
    return NULL;
}

static inline void ecograph_id_close(void *state) { (void)state; }

static inline void ecograph_id_register(void *state, int objtype, void *obj) { (void)state; (void)objtype; (void)obj; }

static Agiddisc_t ecograph_id_disc = {
    ecograph_id_open, ecograph_id_map, ecograph_id_alloc, ecograph_id_free,
    ecograph_id_print, ecograph_id_close, ecograph_id_register,
};

typedef struct {
    const char *data;
    size_t length;
    size_t offset;
} ecograph_reader_t;

/* One line per call, as cgraph's own memory reader does (its scanner counts lines). */
static inline int ecograph_read(void *chan, char *buf, int bufsize) {
    ecograph_reader_t *r = (ecograph_reader_t *)chan;
    if (bufsize <= 0 || r->offset >= r->length) return 0;
    int n = 0;
    char c;
    do {
        c = r->data[r->offset + n];
        buf[n++] = c;
    } while (c != '\n' && n < bufsize && r->offset + n < r->length);
    r->offset += n;
    return n;
}

static inline Agraph_t *ecograph_memread(const char *text) {
    /* The graph keeps pointers to its disciplines: they must outlive it. */
    static Agiodisc_t io = { ecograph_read, NULL, NULL };
    io.putstr = AgIoDisc.putstr;
    io.flush = AgIoDisc.flush;
    Agdisc_t disc = { &AgMemDisc, &ecograph_id_disc, &io };
    ecograph_reader_t reader = { text, strlen(text), 0 };
    return agread(&reader, &disc);
}
