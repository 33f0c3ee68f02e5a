/*
 * fastscan: TCP connect discovery for IPv4 without a JavaScript object per probe (mqtt-audit issue 5), with adaptive
 * timing (issue 13; the model is docs/scan.md, "Timing on silent networks", the same as src/probe/pace.ts).
 *
 * scan(addrs: Uint32Array, ports: Uint16Array, config: Float64Array, shared: Int32Array, carried, keep) -> Int32Array
 *   config: timeoutMs (--timeout: the bound of every connect), window start, window cap, rate (new connects a second,
 *   0: unlimited), perHost (0: unlimited), initialMs, floorMs, attempts, explore, firstLookMs, busy (pace.ts TIMING).
 *   shared: the global round-trip estimate every discovery thread reads and writes (pace.ts SHARED_SLOTS).
 *   carried: the first `carried` probes were put aside by an earlier call (their first look is done).
 *   keep: leave put-aside probes for a later call while nothing is measured, rather than retry them now.
 * For each probe i: 0 refused (closed), 1 no answer or unreachable (filtered), 2 connected (open), 3 put aside (only
 * with keep), -errno for anything else. Non-blocking connect(2) and poll(2). A connect's timeout comes from the round
 * trips measured to its /24 (or the global estimate); a silent probe gets a retry, its first connect left to answer
 * beside it; the window of probes in flight grows while answers come in time and halves on a loss. It blocks its
 * caller: mqtt-audit calls it from discovery worker threads only, and keeps the estimates and the window of each
 * thread from one call to the next (per N-API environment, i.e. per thread). Connected sockets are closed at once: the
 * main thread connects again to probe what is open.
 *
 * model(config: Float64Array, events: Float64Array) -> Float64Array replays events through a fresh model, for
 * test/scan/timing.test.ts to compare with pace.ts.
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>

/* The interface version src/probe/discovery-worker.ts expects (NATIVE_ABI). */
#define ABI 2
/* pace.ts TIMING.maxNets: networks with an estimate of their own at most. */
#define MAX_NETS 65536
/* Polls wait up to this much past the earliest deadline, so that one wake-up ends the probes due close together. */
#define SLACK_MS 4

enum { SRTT = 0, RTTVAR = 1, SAMPLES = 2 };

/* ---- the timing model (pace.ts Timing and Window) ---- */

typedef struct {
  uint32_t key; /* the /24 (address >> 8) + 1; 0: empty */
  uint32_t samples, started;
  double srtt, rttvar;
} net_t;

typedef struct {
  net_t *nets;
  size_t size, count; /* slots (a power of two), entries */
  int32_t *shared;
  double max_ms, initial_ms, floor_ms, first_look_ms;
  uint32_t explore;
  unsigned generation;
  double last_global;
  /* Window */
  double cwnd, ssthresh, start, cap, cut_at, busy_max;
} model_t;

static int32_t ld(int32_t *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static void st(int32_t *p, int32_t v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
/* JavaScript's Math.round. */
static double jsround(double x) { return floor(x + 0.5); }

static double bound(const model_t *m, double t) { return fmin(m->max_ms, fmax(m->floor_ms, t)); }

static double global_timeout(model_t *m) {
  if (ld(&m->shared[SAMPLES]) == 0) return m->initial_ms;
  return bound(m, ((double)ld(&m->shared[SRTT]) + 4 * (double)ld(&m->shared[RTTVAR])) / 1000);
}

static net_t *find(model_t *m, uint32_t net, int add) {
  uint32_t key = net + 1;
  if (m->size == 0) {
    if (!add) return NULL;
    m->size = 1024;
    m->nets = calloc(m->size, sizeof(net_t));
    if (!m->nets) {
      m->size = 0;
      return NULL;
    }
  }
  size_t mask = m->size - 1;
  for (size_t h = (key * 2654435761u) & mask;; h = (h + 1) & mask) {
    if (m->nets[h].key == key) return &m->nets[h];
    if (m->nets[h].key == 0) {
      if (!add || m->count >= MAX_NETS) return NULL;
      if (2 * (m->count + 1) > m->size) {
        /* grow, then look again */
        size_t old = m->size;
        net_t *was = m->nets;
        net_t *now = calloc(old * 2, sizeof(net_t));
        if (!now) return NULL;
        m->nets = now;
        m->size = old * 2;
        for (size_t k = 0; k < old; k++) {
          if (!was[k].key) continue;
          size_t mk = m->size - 1;
          size_t j = (was[k].key * 2654435761u) & mk;
          while (now[j].key) j = (j + 1) & mk;
          now[j] = was[k];
        }
        free(was);
        return find(m, net, add);
      }
      m->nets[h].key = key;
      m->count++;
      return &m->nets[h];
    }
  }
}

static double timeout_of(model_t *m, uint32_t net) {
  net_t *e = find(m, net, 0);
  return e && e->samples ? bound(m, e->srtt + 4 * e->rttvar) : global_timeout(m);
}

static double timeout_at_start(model_t *m, uint32_t net, int *explored) {
  net_t *e = find(m, net, 0);
  *explored = 0;
  if (e && e->samples) return bound(m, e->srtt + 4 * e->rttvar);
  if (ld(&m->shared[SAMPLES]) == 0) return m->first_look_ms;
  if (!e) e = find(m, net, 1);
  if (e && e->started < m->explore) {
    e->started++;
    *explored = 1;
    return m->initial_ms;
  }
  return global_timeout(m);
}

static int measured(model_t *m, uint32_t net) {
  net_t *e = find(m, net, 0);
  return e && e->samples;
}

static int refresh(model_t *m) {
  double g = global_timeout(m);
  int fell = g < 0.75 * m->last_global;
  if (fell || g > m->last_global) m->last_global = g;
  if (fell) m->generation++;
  return fell;
}

static void sample(model_t *m, uint32_t net, double rtt) {
  double before = timeout_of(m, net);
  net_t *e = find(m, net, 0);
  if (e && e->samples) {
    e->rttvar = 0.75 * e->rttvar + 0.25 * fabs(e->srtt - rtt);
    e->srtt = 0.875 * e->srtt + 0.125 * rtt;
    e->samples++;
  } else {
    if (!e) e = find(m, net, 1);
    if (e) {
      e->srtt = rtt;
      e->rttvar = rtt / 2;
      e->samples = 1;
    }
  }
  /* The global estimate in whole microseconds; a concurrent update by another thread may be lost (pace.ts says why). */
  int32_t *s = m->shared;
  double us = jsround(rtt * 1000);
  if (ld(&s[SAMPLES]) == 0) {
    st(&s[SRTT], (int32_t)us);
    st(&s[RTTVAR], (int32_t)jsround(us / 2));
  } else {
    double srtt = ld(&s[SRTT]);
    st(&s[RTTVAR], (int32_t)jsround(0.75 * (double)ld(&s[RTTVAR]) + 0.25 * fabs(srtt - us)));
    st(&s[SRTT], (int32_t)jsround(0.875 * srtt + 0.125 * us));
  }
  if (ld(&s[SAMPLES]) < 0x7fffffff) __atomic_fetch_add(&s[SAMPLES], 1, __ATOMIC_RELAXED);
  if (timeout_of(m, net) < 0.75 * before) m->generation++;
  refresh(m);
}

static size_t wsize(const model_t *m) { return (size_t)floor(m->cwnd); }

static void answered(model_t *m, double in_flight, double busy) {
  if (in_flight < (double)wsize(m) - 1) return;
  if (busy >= m->busy_max) return;
  m->cwnd = fmin(m->cap, m->cwnd + (m->cwnd < m->ssthresh ? 1 : 1 / m->cwnd));
}

static void congestion(model_t *m, double sent_at, double now) {
  if (sent_at <= m->cut_at) return;
  m->ssthresh = fmax(m->start, m->cwnd / 2);
  m->cwnd = m->ssthresh;
  m->cut_at = now;
}

/* config: timeoutMs, start, cap, rate, perHost, initialMs, floorMs, attempts, explore, firstLookMs, busy */
static void model_init(model_t *m, const double *cfg, int32_t *shared) {
  free(m->nets);
  memset(m, 0, sizeof *m);
  m->shared = shared;
  m->max_ms = cfg[0];
  m->floor_ms = fmin(cfg[6], cfg[0]);
  m->initial_ms = fmin(cfg[5], cfg[0]);
  m->first_look_ms = fmin(cfg[9], cfg[0]);
  m->busy_max = cfg[10];
  m->explore = (uint32_t)cfg[8];
  m->start = cfg[1] < 1 ? 1 : cfg[1];
  m->cap = cfg[2] < m->start ? m->start : cfg[2];
  m->cwnd = m->start;
  m->ssthresh = INFINITY;
  m->cut_at = -INFINITY;
  m->last_global = global_timeout(m);
}

/* ---- connections to one address at once (--per-host) ---- */

typedef struct {
  uint32_t *addr;
  uint32_t *n; /* 0: empty */
  size_t mask;
} hosts_t;

static size_t hslot(const hosts_t *h, uint32_t a) {
  size_t i = (a * 2654435761u) & h->mask;
  while (h->n[i] && h->addr[i] != a) i = (i + 1) & h->mask;
  return i;
}
static uint32_t hcount(const hosts_t *h, uint32_t a) { return h->n[hslot(h, a)]; }
static void hinc(hosts_t *h, uint32_t a) {
  size_t i = hslot(h, a);
  h->addr[i] = a;
  h->n[i]++;
}
static void hdec(hosts_t *h, uint32_t a) {
  size_t i = hslot(h, a);
  if (!h->n[i] || --h->n[i]) return;
  /* backward-shift deletion keeps the probe sequences whole */
  for (size_t j = (i + 1) & h->mask; h->n[j]; j = (j + 1) & h->mask) {
    size_t home = (h->addr[j] * 2654435761u) & h->mask;
    if (((j - home) & h->mask) >= ((j - i) & h->mask)) {
      h->addr[i] = h->addr[j];
      h->n[i] = h->n[j];
      h->n[j] = 0;
      i = j;
    }
  }
}

/* ---- the scan ---- */

/* A probe put aside: its first connect went unanswered before anything was measured (pace.ts Connector says why). */
typedef struct {
  uint32_t idx;
  int64_t sent0;
} parked_t;

typedef struct {
  int fd[2]; /* the first connect, its retry; -1: none */
  int64_t sent[2]; /* µs */
  int64_t deadline; /* µs */
  double tused; /* the timeout (ms) the deadline was computed with */
  uint32_t idx, addr;
  uint8_t explore, retry_due, done;
} slot_t;

static int64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int32_t classify(int err) {
  if (err == 0) return 2;
  if (err == ECONNREFUSED) return 0;
  if (err == ETIMEDOUT || err == EHOSTUNREACH || err == ENETUNREACH || err == EHOSTDOWN) return 1;
  return -err;
}

/* An answer from the network (a SYN-ACK, a RST, an ICMP error) when it comes after the SYN left. */
static int is_answer(int err) { return err == 0 || err == ECONNREFUSED || err == EHOSTUNREACH || err == ENETUNREACH || err == EHOSTDOWN; }

/* Start a connect to addr:port: the fd (in progress), or -1 with *err set (0: connected at once). */
static int open_connect(uint32_t addr, uint16_t port, int *err) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *err = errno;
    return -1;
  }
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(addr);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
    *err = 0;
    close(fd);
    return -1;
  }
  if (errno != EINPROGRESS) {
    *err = errno;
    close(fd);
    return -1;
  }
  return fd;
}

static void model_free(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  model_t *m = data;
  free(m->nets);
  free(m);
}

/* This thread's model: kept from call to call while the shared estimate is the same (one scan). */
static model_t *thread_model(napi_env env, const double *cfg, int32_t *shared) {
  model_t *m = NULL;
  napi_get_instance_data(env, (void **)&m);
  if (!m) {
    m = calloc(1, sizeof *m);
    if (!m) return NULL;
    napi_set_instance_data(env, m, model_free, NULL);
  }
  if (m->shared != shared || m->start != (cfg[1] < 1 ? 1 : cfg[1]) || m->max_ms != cfg[0]) model_init(m, cfg, shared);
  return m;
}

static int get_array(napi_env env, napi_value v, napi_typedarray_type want, size_t *n, void **data) {
  napi_typedarray_type t;
  napi_value ab;
  size_t off;
  if (napi_get_typedarray_info(env, v, &t, n, data, &ab, &off) != napi_ok) return 0;
  return t == want;
}

static napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t n, n2, nc, ns;
  void *pa, *pp, *pc, *ps;
  int64_t carried = 0;
  bool keep = false;
  if (argc < 6 || !get_array(env, argv[0], napi_uint32_array, &n, &pa) || !get_array(env, argv[1], napi_uint16_array, &n2, &pp) || n2 != n ||
      !get_array(env, argv[2], napi_float64_array, &nc, &pc) || nc < 11 || !get_array(env, argv[3], napi_int32_array, &ns, &ps) || ns < 4 ||
      napi_get_value_int64(env, argv[4], &carried) != napi_ok || napi_get_value_bool(env, argv[5], &keep) != napi_ok || carried < 0 || (size_t)carried > n) {
    napi_throw_type_error(env, NULL, "scan(addrs: Uint32Array, ports: Uint16Array, config: Float64Array(11), shared: Int32Array(4), carried: number, keep: boolean)");
    return NULL;
  }
  const double *cfg = pc;
  model_t *m = thread_model(env, cfg, ps);
  if (!m) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  int64_t rate = (int64_t)cfg[3], perhost = (int64_t)cfg[4];
  int attempts = cfg[7] < 1 ? 1 : (int)cfg[7];

  napi_value ab, result;
  void *outp;
  napi_create_arraybuffer(env, n * sizeof(int32_t), &outp, &ab);
  napi_create_typedarray(env, napi_int32_array, n, ab, 0, &result);
  int32_t *out = (int32_t *)outp;
  const uint32_t *addrs = (const uint32_t *)pa;
  const uint16_t *ports = (const uint16_t *)pp;

  size_t cap = (size_t)m->cap;
  size_t hsize = 16;
  while (hsize < 4 * cap) hsize <<= 1;
  slot_t *slots = calloc(cap, sizeof(slot_t));
  struct pollfd *pfds = calloc(2 * cap, sizeof(struct pollfd));
  uint32_t *pmap = calloc(2 * cap, sizeof(uint32_t));
  uint32_t *deferred = calloc(n ? n : 1, sizeof(uint32_t));
  parked_t *parked = calloc(n ? n : 1, sizeof(parked_t));
  hosts_t hosts = {calloc(hsize, sizeof(uint32_t)), calloc(hsize, sizeof(uint32_t)), hsize - 1};
  if (!slots || !pfds || !pmap || !deferred || !parked || !hosts.addr || !hosts.n) {
    free(slots);
    free(pfds);
    free(pmap);
    free(deferred);
    free(parked);
    free(hosts.addr);
    free(hosts.n);
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  int64_t t0 = now_us();
  size_t active = 0, next = (size_t)carried, dhead = 0, dtail = 0, started = 0, phead = 0, ptail = 0;
  for (size_t i = 0; i < (size_t)carried; i++) {
    parked[ptail].idx = (uint32_t)i;
    parked[ptail++].sent0 = t0;
  }
  unsigned seen_generation = m->generation;
  const double timeout_ms = m->max_ms;
  /* The share of the last ~50 ms this thread was busy rather than waiting in poll (pace.ts Window says why). */
  int64_t span_start = t0, span_poll = 0;
  double busy = 1; /* busy until measured */

/* May a new connect start now under --rate? */
#define RATE_ALLOWS(now) (rate <= 0 || (int64_t)started < ((now) - t0) * rate / 1000000 + 1)
/* May put-aside probes be retried now? Once something is measured; or when nothing new is left, unless the caller keeps them for a later call. */
#define UNPARK (ld(&m->shared[SAMPLES]) > 0 || (!keep && next >= n && dhead >= dtail))

  while (next < n || dhead < dtail || active > 0 || (phead < ptail && UNPARK)) {
    int64_t now = now_us();
    /* Fill the window: retries of put-aside probes, deferred probes, then new ones; pace by rate; cap per address. */
    int paced = 0;
    while (active < wsize(m) && active < cap && phead < ptail && UNPARK) {
      if (!RATE_ALLOWS(now)) {
        paced = 1;
        break;
      }
      uint32_t i = parked[phead].idx;
      if (perhost > 0 && hcount(&hosts, addrs[i]) >= (uint32_t)perhost) break;
      int64_t sent0 = parked[phead++].sent0;
      started++;
      int err;
      int64_t sent = now_us();
      int fd = open_connect(addrs[i], ports[i], &err);
      if (fd < 0) {
        out[i] = classify(err);
        if (err == 0 || err == ECONNREFUSED) {
          sample(m, addrs[i] >> 8, (double)(now_us() - sent) / 1000);
          congestion(m, (double)sent0, (double)now);
        }
        continue;
      }
      double t = timeout_of(m, addrs[i] >> 8);
      slot_t *s = &slots[active++];
      s->fd[0] = -1;
      s->fd[1] = fd;
      s->sent[0] = sent0;
      s->sent[1] = sent;
      s->deadline = sent + (int64_t)(t * 1000);
      s->tused = t;
      s->idx = i;
      s->addr = addrs[i];
      s->explore = 0;
      s->retry_due = 0;
      s->done = 0;
      if (perhost > 0) hinc(&hosts, addrs[i]);
    }
    while (active < wsize(m) && active < cap && (dhead < dtail || next < n)) {
      if (!RATE_ALLOWS(now)) {
        paced = 1;
        break;
      }
      int from_deferred = dhead < dtail;
      uint32_t i = from_deferred ? deferred[dhead] : (uint32_t)next;
      if (perhost > 0 && hcount(&hosts, addrs[i]) >= (uint32_t)perhost) {
        if (from_deferred) break; /* the oldest waiting probe still waits: keep the order */
        deferred[dtail++] = i;
        next++;
        continue;
      }
      if (from_deferred) dhead++;
      else next++;
      started++;
      int err;
      int64_t sent = now_us();
      int fd = open_connect(addrs[i], ports[i], &err);
      if (fd < 0) {
        out[i] = classify(err);
        /* Refused or connected at once: an answer (loopback); unreachable at once: no route here, not a round trip. */
        if (err == 0 || err == ECONNREFUSED) {
          sample(m, addrs[i] >> 8, (double)(now_us() - sent) / 1000);
          answered(m, (double)active + 1, busy);
        }
        continue;
      }
      int explored;
      double t = timeout_at_start(m, addrs[i] >> 8, &explored);
      slot_t *s = &slots[active++];
      s->fd[0] = fd;
      s->fd[1] = -1;
      s->sent[0] = sent;
      s->deadline = sent + (int64_t)(t * 1000);
      s->tused = t;
      s->idx = i;
      s->addr = addrs[i];
      s->explore = (uint8_t)explored;
      s->retry_due = 0;
      s->done = 0;
      if (perhost > 0) hinc(&hosts, addrs[i]);
    }
    if (active == 0) {
      if (paced || phead < ptail) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
      }
      continue;
    }
    /* A timeout fell (the first round trip was measured, here or in another thread): shorten what waits on the old one. */
    refresh(m);
    if (m->generation != seen_generation) {
      seen_generation = m->generation;
      for (size_t k = 0; k < active; k++) {
        slot_t *s = &slots[k];
        if (s->explore && !measured(m, s->addr >> 8)) continue;
        double t = timeout_of(m, s->addr >> 8);
        if (t < s->tused) {
          s->deadline -= (int64_t)((s->tused - t) * 1000);
          s->tused = t;
        }
      }
    }
    int64_t first = INT64_MAX;
    size_t np = 0;
    for (size_t k = 0; k < active; k++) {
      if (slots[k].deadline < first) first = slots[k].deadline;
      for (int w = 0; w < 2; w++) {
        if (slots[k].fd[w] < 0) continue;
        pfds[np].fd = slots[k].fd[w];
        pfds[np].events = POLLOUT;
        pfds[np].revents = 0;
        pmap[np++] = (uint32_t)(k << 1 | (size_t)w);
      }
    }
    int64_t wait = first <= now ? 0 : (first - now + 999) / 1000 + SLACK_MS;
    if (paced && wait > 1) wait = 1;
    if (wait > timeout_ms + SLACK_MS) wait = (int64_t)timeout_ms + SLACK_MS;
    int64_t before_poll = now_us();
    int r = poll(pfds, np, (int)wait);
    if (r < 0 && errno != EINTR) break;
    now = now_us();
    span_poll += now - before_poll;
    if (now - span_start >= 50000) {
      busy = 1 - (double)span_poll / (double)(now - span_start);
      span_start = now;
      span_poll = 0;
    }
    double in_flight = (double)active;
    /* What answered. */
    for (size_t q = 0; r > 0 && q < np; q++) {
      if (!pfds[q].revents) continue;
      slot_t *s = &slots[pmap[q] >> 1];
      int w = (int)(pmap[q] & 1);
      if (s->done) continue;
      int err = 0;
      socklen_t len = sizeof err;
      if (getsockopt(s->fd[w], SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
      out[s->idx] = classify(err);
      if (is_answer(err)) {
        sample(m, s->addr >> 8, (double)(now - s->sent[w]) / 1000);
        /* In time: the first connect, before its retry. Otherwise the first was lost, or answered late: congestion. */
        if (w == 0 && s->fd[1] < 0) answered(m, in_flight, busy);
        else congestion(m, (double)s->sent[0], (double)now);
      }
      s->done = 1;
    }
    /* What is past its deadline: a retry beside the first connect (or put aside), or the end. */
    int blocked = 0;
    for (size_t k = 0; k < active; k++) {
      slot_t *s = &slots[k];
      if (s->done || s->deadline > now) continue;
      if (s->fd[1] < 0 && attempts > 1) {
        if (!s->retry_due && ld(&m->shared[SAMPLES]) == 0) {
          /* Nothing is measured anywhere yet: this first look is no verdict. Put it aside and let new probes go
             first, rather than hold its place for another unknowing timeout. */
          parked[ptail].idx = s->idx;
          parked[ptail++].sent0 = s->sent[0];
          s->done = 1;
          continue;
        }
        if (!s->retry_due && !RATE_ALLOWS(now)) {
          blocked = 1;
          continue;
        }
        if (!s->retry_due) started++;
        s->retry_due = 0;
        int err;
        int64_t sent = now_us();
        int fd = open_connect(s->addr, ports[s->idx], &err);
        if (fd < 0) {
          out[s->idx] = classify(err);
          if (err == 0 || err == ECONNREFUSED) {
            sample(m, s->addr >> 8, (double)(now_us() - sent) / 1000);
            congestion(m, (double)s->sent[0], (double)now);
          }
          s->done = 1;
          continue;
        }
        double t = timeout_of(m, s->addr >> 8);
        s->fd[1] = fd;
        s->sent[1] = sent;
        s->deadline = sent + (int64_t)(t * 1000);
        s->tused = t;
        s->explore = 0;
      } else {
        out[s->idx] = 1;
        s->done = 1;
      }
    }
    /* Close what ended; compact the slot array. */
    size_t w = 0;
    for (size_t k = 0; k < active; k++) {
      if (slots[k].done) {
        for (int f = 0; f < 2; f++)
          if (slots[k].fd[f] >= 0) close(slots[k].fd[f]);
        if (perhost > 0) hdec(&hosts, slots[k].addr);
      } else slots[w++] = slots[k];
    }
    active = w;
    if (blocked && active > 0) {
      /* a retry waits for --rate: do not spin */
      struct timespec ts = {0, 1000000};
      nanosleep(&ts, NULL);
    }
  }
  /* Kept for a later call: still put aside (3). */
  for (size_t k = phead; k < ptail; k++) out[parked[k].idx] = 3;
  for (size_t k = 0; k < active; k++)
    for (int f = 0; f < 2; f++)
      if (slots[k].fd[f] >= 0) close(slots[k].fd[f]);
  free(slots);
  free(pfds);
  free(pmap);
  free(deferred);
  free(parked);
  free(hosts.addr);
  free(hosts.n);
  return result;
}

/*
 * Replay events through a fresh model (its own shared estimate). Each event is 4 numbers [kind, a, b, 0]; each gives
 * 2 numbers: 0 sample(net a, rtt b ms) → [timeout(a), generation]; 1 timeoutAtStart(a) → [t, explored];
 * 2 timeout(a) → [t, 0]; 3 answered(in flight a, busy b) → [size, cwnd]; 4 congestion(sent a, now b) → [size, cwnd];
 * 5 → [global timeout, 0]; 6 refresh → [fell, generation]; 7 measured(a) → [0 or 1, 0].
 */
static napi_value Model(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  size_t nc, ne;
  void *pc, *pe;
  if (argc < 2 || !get_array(env, argv[0], napi_float64_array, &nc, &pc) || nc < 11 || !get_array(env, argv[1], napi_float64_array, &ne, &pe)) {
    napi_throw_type_error(env, NULL, "model(config: Float64Array(11), events: Float64Array)");
    return NULL;
  }
  int32_t shared[4] = {0, 0, 0, 0};
  model_t m;
  memset(&m, 0, sizeof m);
  model_init(&m, pc, shared);
  const double *ev = pe;
  size_t k = ne / 4;
  napi_value ab, result;
  void *outp;
  napi_create_arraybuffer(env, k * 2 * sizeof(double), &outp, &ab);
  napi_create_typedarray(env, napi_float64_array, k * 2, ab, 0, &result);
  double *o = outp;
  for (size_t i = 0; i < k; i++) {
    const double *e = &ev[i * 4];
    uint32_t net = (uint32_t)e[1];
    double x = 0, y = 0;
    int explored;
    switch ((int)e[0]) {
      case 0: sample(&m, net, e[2]); x = timeout_of(&m, net); y = m.generation; break;
      case 1: x = timeout_at_start(&m, net, &explored); y = explored; break;
      case 2: x = timeout_of(&m, net); break;
      case 3: answered(&m, e[1], e[2]); x = (double)wsize(&m); y = m.cwnd; break;
      case 4: congestion(&m, e[1], e[2]); x = (double)wsize(&m); y = m.cwnd; break;
      case 5: x = global_timeout(&m); break;
      case 6: x = refresh(&m); y = m.generation; break;
      case 7: x = measured(&m, net); break;
    }
    o[i * 2] = x;
    o[i * 2 + 1] = y;
  }
  free(m.nets);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn, abi;
  napi_create_function(env, "scan", NAPI_AUTO_LENGTH, Scan, NULL, &fn);
  napi_set_named_property(env, exports, "scan", fn);
  napi_create_function(env, "model", NAPI_AUTO_LENGTH, Model, NULL, &fn);
  napi_set_named_property(env, exports, "model", fn);
  napi_create_int32(env, ABI, &abi);
  napi_set_named_property(env, exports, "abi", abi);
  return exports;
}
