// Lockstep replay for the HumanEval-X C++ harness (cpp.ts): the wire format of the values an entry
// point returns, written by the SAMPLE's program and read back by the trusted TEST DRIVER.
//
// The sample's program runs the benchmark's test with every call of the entry point wrapped in
// litmus::trace(), which writes the returned value on fd 3. The driver (the prompt with the entry
// point's body replaced by litmus::replay<R>(), plus the same test, no sample code) reads the per-run
// secret as the first line of stdin, then one value per call of the entry point from the rest, and
// prints the secret after the test returned. Only the driver's run decides the verdict.
//
// Each value is a record byte then a typed encoding: every scalar and container carries a tag (and
// integers their width and signedness), so a value of another type than the declared one fails.
// Floats travel as their bits (NaN payloads, infinities and -0 kept); strings and containers are
// length-prefixed, and a length larger than the bytes left fails before anything is allocated. The
// decoder is the security boundary: it reads only the C++ types the declared return type names (a
// type with no codec does not compile), so no value can make the driver run anything. Any mismatch
// ends the driver with "Error: ..." on stderr and exit status 3.
#ifndef LITMUS_CPP_REPLAY_H
#define LITMUS_CPP_REPLAY_H
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cstdio>
#include <string>
#include <type_traits>
#include <utility>

namespace litmus {

const unsigned char RECORD = 0xA5;

struct Reader {
  const unsigned char* data;
  size_t size;
  size_t pos;
  size_t records;
};

inline Reader& reader() {
  static Reader r = {nullptr, 0, 0, 0};
  return r;
}

[[noreturn]] inline void fail(const char* why) {
  std::fflush(stdout);
  std::fprintf(stderr, "Error: the sample's returned values do not fit the test (call %lu): %s\n",
               (unsigned long)reader().records, why);
  std::fflush(stderr);
  _exit(3);
}

inline unsigned char get_byte(Reader& r) {
  if (r.pos >= r.size) fail("the values ended early (the sample's program stopped before the tests finished)");
  return r.data[r.pos++];
}

inline void expect_tag(Reader& r, unsigned char tag) {
  if (get_byte(r) != tag) fail("a value of another type than the entry point returns");
}

inline void get_bytes(Reader& r, void* out, size_t n) {
  if (n > r.size - r.pos) fail("the values ended inside a value");
  memcpy(out, r.data + r.pos, n);
  r.pos += n;
}

inline void put_u64(std::string& o, unsigned long long v) {
  for (int i = 0; i < 8; i++) o += (char)((v >> (8 * i)) & 0xFF);
}

inline unsigned long long get_u64(Reader& r) {
  unsigned long long v = 0;
  for (int i = 0; i < 8; i++) v |= (unsigned long long)get_byte(r) << (8 * i);
  return v;
}

/** A count of elements or bytes: never more than the bytes left (every element takes at least one). */
inline size_t get_count(Reader& r) {
  unsigned long long n = get_u64(r);
  if (n > r.size - r.pos) fail("a length longer than the values left");
  return (size_t)n;
}

template <class...> struct voider { typedef void type; };
template <class T, class = void> struct has_value_type : std::false_type {};
template <class T> struct has_value_type<T, typename voider<typename T::value_type, typename T::iterator>::type> : std::true_type {};
template <class T, class = void> struct has_key_type : std::false_type {};
template <class T> struct has_key_type<T, typename voider<typename T::key_type>::type> : std::true_type {};
template <class T, class = void> struct has_mapped_type : std::false_type {};
template <class T> struct has_mapped_type<T, typename voider<typename T::mapped_type>::type> : std::true_type {};

template <class T> struct is_sequence {
  static const bool value = has_value_type<T>::value && !has_key_type<T>::value && !std::is_same<T, std::string>::value;
};
template <class T> struct is_map { static const bool value = has_value_type<T>::value && has_mapped_type<T>::value; };
template <class T> struct is_set {
  static const bool value = has_value_type<T>::value && has_key_type<T>::value && !has_mapped_type<T>::value;
};

/** codec<T>::put appends T's encoding, codec<T>::get decodes one; no codec for T: no compile. */
template <class T, class = void> struct codec;

template <> struct codec<bool> {
  static void put(std::string& o, bool v) { o += 'b'; o += (char)(v ? 1 : 0); }
  static bool get(Reader& r) {
    expect_tag(r, 'b');
    unsigned char b = get_byte(r);
    if (b > 1) fail("a bool that is neither true nor false");
    return b == 1;
  }
};

template <> struct codec<char> {
  static void put(std::string& o, char v) { o += 'c'; o += v; }
  static char get(Reader& r) { expect_tag(r, 'c'); return (char)get_byte(r); }
};

/** Integers of every width (bool and char apart): width and signedness must match the declared type. */
template <class T>
struct codec<T, typename std::enable_if<std::is_integral<T>::value && !std::is_same<T, bool>::value &&
                                        !std::is_same<T, char>::value>::type> {
  static void put(std::string& o, T v) {
    o += 'i';
    o += (char)sizeof(T);
    o += std::is_signed<T>::value ? 's' : 'u';
    unsigned long long u = (unsigned long long)v;
    for (size_t i = 0; i < sizeof(T); i++) o += (char)((u >> (8 * i)) & 0xFF);
  }
  static T get(Reader& r) {
    expect_tag(r, 'i');
    if (get_byte(r) != sizeof(T) || get_byte(r) != (std::is_signed<T>::value ? 's' : 'u'))
      fail("an integer of another width or signedness");
    unsigned long long u = 0;
    for (size_t i = 0; i < sizeof(T); i++) u |= (unsigned long long)get_byte(r) << (8 * i);
    return (T)u;
  }
};

/** float, double, long double: their bits, exactly. */
template <class T> struct codec<T, typename std::enable_if<std::is_floating_point<T>::value>::type> {
  static const char tag = sizeof(T) == 4 ? 'f' : sizeof(T) == 8 ? 'd' : 'L';
  static void put(std::string& o, T v) {
    o += tag;
    char bits[sizeof(T)];
    memset(bits, 0, sizeof bits);
    memcpy(bits, &v, sizeof(T));
    o.append(bits, sizeof bits);
  }
  static T get(Reader& r) {
    expect_tag(r, (unsigned char)tag);
    T v;
    get_bytes(r, &v, sizeof(T));
    return v;
  }
};

template <> struct codec<std::string> {
  static void put(std::string& o, const std::string& v) { o += 's'; put_u64(o, v.size()); o += v; }
  static std::string get(Reader& r) {
    expect_tag(r, 's');
    size_t n = get_count(r);
    std::string v((const char*)r.data + r.pos, n);
    r.pos += n;
    return v;
  }
};

template <class A, class B> struct codec<std::pair<A, B>> {
  static void put(std::string& o, const std::pair<A, B>& v) {
    o += 'p';
    codec<A>::put(o, v.first);
    codec<B>::put(o, v.second);
  }
  static std::pair<A, B> get(Reader& r) {
    expect_tag(r, 'p');
    A a = codec<A>::get(r);
    B b = codec<B>::get(r);
    return std::pair<A, B>(a, b);
  }
};

/** vector, list, deque (vector<bool> too): the elements in order. */
template <class T> struct codec<T, typename std::enable_if<is_sequence<T>::value>::type> {
  typedef typename T::value_type V;
  static void put(std::string& o, const T& v) {
    o += 'v';
    put_u64(o, (unsigned long long)v.size());
    for (typename T::const_iterator it = v.begin(); it != v.end(); ++it) codec<V>::put(o, *it);
  }
  static T get(Reader& r) {
    expect_tag(r, 'v');
    size_t n = get_count(r);
    T v;
    for (size_t i = 0; i < n; i++) v.push_back(codec<V>::get(r));
    return v;
  }
};

/** map, unordered_map: the pairs as the container iterates them; a repeated key fails. */
template <class T> struct codec<T, typename std::enable_if<is_map<T>::value>::type> {
  typedef typename T::key_type K;
  typedef typename T::mapped_type M;
  static void put(std::string& o, const T& v) {
    o += 'm';
    put_u64(o, (unsigned long long)v.size());
    for (typename T::const_iterator it = v.begin(); it != v.end(); ++it) {
      codec<K>::put(o, it->first);
      codec<M>::put(o, it->second);
    }
  }
  static T get(Reader& r) {
    expect_tag(r, 'm');
    size_t n = get_count(r);
    T v;
    for (size_t i = 0; i < n; i++) {
      K k = codec<K>::get(r);
      M m = codec<M>::get(r);
      size_t before = v.size();
      v.insert(std::make_pair(k, m));
      if (v.size() == before) fail("a map with a repeated key");
    }
    return v;
  }
};

/** set, unordered_set: the keys as the container iterates them; a repeated key fails. */
template <class T> struct codec<T, typename std::enable_if<is_set<T>::value>::type> {
  typedef typename T::key_type K;
  static void put(std::string& o, const T& v) {
    o += 'e';
    put_u64(o, (unsigned long long)v.size());
    for (typename T::const_iterator it = v.begin(); it != v.end(); ++it) codec<K>::put(o, *it);
  }
  static T get(Reader& r) {
    expect_tag(r, 'e');
    size_t n = get_count(r);
    T v;
    for (size_t i = 0; i < n; i++) {
      size_t before = v.size();
      v.insert(codec<K>::get(r));
      if (v.size() == before) fail("a set with a repeated key");
    }
    return v;
  }
};

// ---- the sample's side: the tracer ------------------------------------------------------------

inline void write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t k = ::write(fd, p, n);
    if (k <= 0) return;
    p += k;
    n -= (size_t)k;
  }
}

/** Wraps each call of the entry point made by the test: the returned value goes out on fd 3. */
template <class T> T trace(T v) {
  std::string o;
  o += (char)RECORD;
  codec<T>::put(o, v);
  write_all(3, o.data(), o.size());
  return v;
}

/**
 * The test's rand(), in both programs: glibc's unseeded rand() sequence from a state of its own, so
 * a sample that calls rand() or srand() cannot shift the inputs the test builds.
 */
inline int test_rand() {
  static struct random_data state;
  static char bits[128];
  static bool ready = false;
  if (!ready) {
    memset(&state, 0, sizeof state);
    initstate_r(1, bits, sizeof bits, &state);
    ready = true;
  }
  int32_t v = 0;
  random_r(&state, &v);
  return (int)v;
}

// ---- the driver's side: the replayer ----------------------------------------------------------

inline std::string& secret() {
  static std::string s;
  return s;
}

/** Reads all of stdin: the secret's line, then the values (called before main). */
inline void load_stdin() {
  size_t cap = 1 << 16, size = 0;
  unsigned char* buf = (unsigned char*)malloc(cap);
  for (;;) {
    if (size == cap) {
      cap *= 2;
      buf = (unsigned char*)realloc(buf, cap);
      if (!buf) fail("out of memory reading the values");
    }
    ssize_t k = ::read(0, buf + size, cap - size);
    if (k <= 0) break;
    size += (size_t)k;
  }
  size_t line = 0;
  while (line < size && buf[line] != '\n') line++;
  if (line == size) fail("no secret line on stdin");
  secret().assign((const char*)buf, line);
  Reader& r = reader();
  r.data = buf + line + 1;
  r.size = size - line - 1;
  r.pos = 0;
}

/** The entry point's body in the driver: the next value the sample returned, as type T. */
template <class T> T replay() {
  Reader& r = reader();
  r.records++;
  if (get_byte(r) != RECORD) fail("not a value record");
  return codec<T>::get(r);
}

/**
 * The driver's counterpart of trace(), wrapping the same call (same expression shape, so the same
 * evaluation order and the same overload chosen): the stub's value is dropped for the next value
 * the sample returned, decoded as the static type of the call.
 */
template <class T> T pass(T) { return replay<T>(); }

/** After the test returned: every value consumed, then the secret on stdout. */
inline void finish() {
  Reader& r = reader();
  if (r.pos != r.size) fail("more values than the test made calls");
  std::fflush(stdout);
  std::string line = secret() + "\n";
  write_all(1, line.data(), line.size());
}

}  // namespace litmus

#endif
