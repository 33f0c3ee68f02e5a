/*
 * fastscan: TCP connect discovery for IPv4 without a JavaScript object per probe (mqtt-audit issue 5).
 *
 * scan(addrs: Uint32Array, ports: Uint16Array, timeoutMs, concurrency, ratePerSecond, perHost) -> Int32Array
 * For each probe i: 0 refused (closed), 1 no answer in time or unreachable (filtered), 2 connected (open),
 * -errno for anything else. Non-blocking connect(2) and poll(2), at most `concurrency` in flight, at most `perHost`
 * in flight to one address, at most `ratePerSecond` new connections a second (0: unlimited). It blocks its caller:
 * mqtt-audit calls it from discovery worker threads only. Connected sockets are closed at once: the main thread
 * connects again to probe what is open.
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  int fd;
  uint32_t idx;
  uint32_t addr;
  int64_t deadline;
} slot_t;

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int32_t classify(int err) {
  if (err == 0) return 2;
  if (err == ECONNREFUSED) return 0;
  if (err == ETIMEDOUT || err == EHOSTUNREACH || err == ENETUNREACH || err == EHOSTDOWN) return 1;
  return -err;
}

/* Start probe i: returns 1 when it is in flight, 0 when it finished at once (result written). */
static int start(uint32_t i, const uint32_t *addrs, const uint16_t *ports, int32_t *out, slot_t *slot, int64_t deadline) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    out[i] = -errno;
    return 0;
  }
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(ports[i]);
  sa.sin_addr.s_addr = htonl(addrs[i]);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
    out[i] = 2;
    close(fd);
    return 0;
  }
  if (errno != EINPROGRESS) {
    out[i] = classify(errno);
    close(fd);
    return 0;
  }
  slot->fd = fd;
  slot->idx = i;
  slot->addr = addrs[i];
  slot->deadline = deadline;
  return 1;
}

static napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 6) {
    napi_throw_type_error(env, NULL, "scan(addrs, ports, timeoutMs, concurrency, rate, perHost)");
    return NULL;
  }
  napi_typedarray_type t;
  size_t n, n2;
  void *pa, *pp;
  napi_get_typedarray_info(env, argv[0], &t, &n, &pa, NULL, NULL);
  if (t != napi_uint32_array) {
    napi_throw_type_error(env, NULL, "addrs must be a Uint32Array");
    return NULL;
  }
  napi_get_typedarray_info(env, argv[1], &t, &n2, &pp, NULL, NULL);
  if (t != napi_uint16_array || n2 != n) {
    napi_throw_type_error(env, NULL, "ports must be a Uint16Array as long as addrs");
    return NULL;
  }
  int64_t timeout, conc, rate, perhost;
  napi_get_value_int64(env, argv[2], &timeout);
  napi_get_value_int64(env, argv[3], &conc);
  napi_get_value_int64(env, argv[4], &rate);
  napi_get_value_int64(env, argv[5], &perhost);
  if (conc < 1) conc = 1;
  if (timeout < 1) timeout = 1;

  napi_value ab, result;
  void *outp;
  napi_create_arraybuffer(env, n * sizeof(int32_t), &outp, &ab);
  napi_create_typedarray(env, napi_int32_array, n, ab, 0, &result);
  int32_t *out = (int32_t *)outp;
  const uint32_t *addrs = (const uint32_t *)pa;
  const uint16_t *ports = (const uint16_t *)pp;

  slot_t *slots = calloc((size_t)conc, sizeof(slot_t));
  struct pollfd *pfds = calloc((size_t)conc, sizeof(struct pollfd));
  uint32_t *deferred = calloc(n ? n : 1, sizeof(uint32_t));
  if (!slots || !pfds || !deferred) {
    free(slots);
    free(pfds);
    free(deferred);
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  size_t active = 0, next = 0, dhead = 0, dtail = 0, started = 0;
  int64_t t0 = now_ms();

  while (next < n || dhead < dtail || active > 0) {
    int64_t now = now_ms();
    /* Fill free slots: deferred probes first, then new ones; pace by rate; cap per address. */
    int paced = 0;
    while (active < (size_t)conc && (dhead < dtail || next < n)) {
      if (rate > 0 && (int64_t)started >= (now - t0) * rate / 1000 + 1) {
        paced = 1;
        break;
      }
      int from_deferred = dhead < dtail;
      uint32_t i = from_deferred ? deferred[dhead] : (uint32_t)next;
      if (perhost > 0) {
        int64_t same = 0;
        for (size_t k = 0; k < active; k++) same += slots[k].addr == addrs[i];
        if (same >= perhost) {
          if (from_deferred) break; /* the oldest waiting probe still waits: keep the order */
          deferred[dtail++] = i;
          next++;
          continue;
        }
      }
      if (from_deferred) dhead++;
      else next++;
      started++;
      if (start(i, addrs, ports, out, &slots[active], now + timeout)) active++;
    }
    if (active == 0) {
      if (paced) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
      }
      continue;
    }
    int64_t wait = timeout;
    for (size_t k = 0; k < active; k++) {
      int64_t left = slots[k].deadline - now;
      if (left < wait) wait = left;
    }
    if (paced && wait > 1) wait = 1;
    if (wait < 0) wait = 0;
    for (size_t k = 0; k < active; k++) {
      pfds[k].fd = slots[k].fd;
      pfds[k].events = POLLOUT;
      pfds[k].revents = 0;
    }
    int r = poll(pfds, active, (int)wait);
    if (r < 0 && errno != EINTR) break;
    now = now_ms();
    /* Finish what answered or timed out; compact the slot array. */
    size_t w = 0;
    for (size_t k = 0; k < active; k++) {
      int done = 0;
      if (r > 0 && pfds[k].revents) {
        int err = 0;
        socklen_t len = sizeof err;
        if (getsockopt(slots[k].fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
        out[slots[k].idx] = classify(err);
        done = 1;
      } else if (slots[k].deadline <= now) {
        out[slots[k].idx] = 1;
        done = 1;
      }
      if (done) close(slots[k].fd);
      else slots[w++] = slots[k];
    }
    active = w;
  }
  for (size_t k = 0; k < active; k++) close(slots[k].fd);
  free(slots);
  free(pfds);
  free(deferred);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "scan", NAPI_AUTO_LENGTH, Scan, NULL, &fn);
  napi_set_named_property(env, exports, "scan", fn);
  return exports;
}
