/* workers: a ring of documents in flight, guarded by one mutex.
 *
 *   submitted ≥ taken ≥ emitted; slot seq % cap holds document seq.
 *
 * A worker takes the oldest untaken document, works on it unlocked, marks
 * it done. Whichever thread then finds the document at the head of the
 * ring done (the worker that just finished it, mostly, or the submitting
 * thread) hands it and the done ones after it to done(), in sequence
 * order, unlocked; one thread at a time (`emitting`). A document is thus
 * mostly written out by the thread that rendered it, from its own cache.
 * The submitting thread waits only when the ring is full. */
#include "workers.h"

#include <pthread.h>
#include <stdlib.h>

#include "xalloc.h"

struct workers {
    pthread_mutex_t mu;
    pthread_cond_t wake_worker, wake_owner;
    struct doc **ring;
    bool *finished;
    size_t cap;
    size_t submitted, taken, emitted;
    bool closing, stopped;
    bool emitting;          /* a thread is in hand_back's done() calls */
    work_fn work;
    doc_fn done;
    void *ctx;
    pthread_t *threads;
    void **states;
    int n;
};

static void hand_back(struct workers *w);

struct start {
    struct workers *w;
    void *state;
};

static void *worker_main(void *arg)
{
    struct start *s = arg;
    struct workers *w = s->w;
    void *state = s->state;
    free(s);
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (w->taken == w->submitted && !w->closing)
            pthread_cond_wait(&w->wake_worker, &w->mu);
        if (w->taken == w->submitted)
            break;
        size_t seq = w->taken++;
        struct doc *doc = w->ring[seq % w->cap];
        pthread_mutex_unlock(&w->mu);
        w->work(state, doc);
        pthread_mutex_lock(&w->mu);
        w->finished[seq % w->cap] = true;
        hand_back(w);
        pthread_cond_signal(&w->wake_owner);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

struct workers *workers_start(int n, void **states, work_fn work, doc_fn done, void *ctx,
                              size_t in_flight)
{
    struct workers *w = xcalloc(1, sizeof *w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->wake_worker, NULL);
    pthread_cond_init(&w->wake_owner, NULL);
    w->cap = in_flight < 1 ? 1 : in_flight;
    w->ring = xcalloc(w->cap, sizeof *w->ring);
    w->finished = xcalloc(w->cap, sizeof *w->finished);
    w->work = work;
    w->done = done;
    w->ctx = ctx;
    w->threads = xcalloc((size_t)n, sizeof *w->threads);
    for (int i = 0; i < n; i++) {
        struct start *s = xmalloc(sizeof *s);
        *s = (struct start){w, states[i]};
        if (pthread_create(&w->threads[i], NULL, worker_main, s) != 0) {
            free(s);
            w->n = i;
            workers_finish(w);
            return NULL;
        }
        w->n = i + 1;
    }
    return w;
}

/* Hand every finished document at the head of the ring to done, in
 * order, unless another thread is doing so already (it will see these
 * too: it checks again under the lock before it stops). Called with the
 * lock held; releases it around done(). */
static void hand_back(struct workers *w)
{
    if (w->emitting)
        return;
    w->emitting = true;
    while (w->emitted < w->taken && w->finished[w->emitted % w->cap]) {
        size_t slot = w->emitted % w->cap;
        struct doc *doc = w->ring[slot];
        w->ring[slot] = NULL;
        w->finished[slot] = false;
        w->emitted++;
        /* a slot is free: the submitting thread may refill it meanwhile */
        pthread_cond_signal(&w->wake_owner);
        pthread_mutex_unlock(&w->mu);
        bool ok = w->stopped ? (doc_free(doc), false) : w->done(w->ctx, doc);
        pthread_mutex_lock(&w->mu);
        if (!ok)
            w->stopped = true;
    }
    w->emitting = false;
    /* the submitting thread may wait for the emitting to end */
    pthread_cond_signal(&w->wake_owner);
}

bool workers_submit(struct workers *w, struct doc *doc)
{
    pthread_mutex_lock(&w->mu);
    for (;;) {
        hand_back(w);
        if (w->submitted - w->emitted < w->cap)
            break;
        pthread_cond_wait(&w->wake_owner, &w->mu);
    }
    w->ring[w->submitted % w->cap] = doc;
    w->finished[w->submitted % w->cap] = false;
    w->submitted++;
    pthread_cond_signal(&w->wake_worker);
    bool ok = !w->stopped;
    pthread_mutex_unlock(&w->mu);
    return ok;
}

bool workers_finish(struct workers *w)
{
    pthread_mutex_lock(&w->mu);
    w->closing = true;
    pthread_cond_broadcast(&w->wake_worker);
    for (;;) {
        hand_back(w);
        if (w->emitted == w->submitted)
            break;
        pthread_cond_wait(&w->wake_owner, &w->mu);
    }
    pthread_mutex_unlock(&w->mu);
    for (int i = 0; i < w->n; i++)
        pthread_join(w->threads[i], NULL);
    bool ok = !w->stopped;
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->wake_worker);
    pthread_cond_destroy(&w->wake_owner);
    free(w->ring);
    free(w->finished);
    free(w->threads);
    free(w);
    return ok;
}
