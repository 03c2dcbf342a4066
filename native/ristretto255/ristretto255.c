/*
 * ristretto255 for Parley's private list comparison (docs/psi.md), through the system's libsodium
 * (1.0.18 or later). sodium-native, the binding the rest of Parley uses, links libsodium but does
 * not export its ristretto255 functions, and libsodium's WebAssembly build is about three times
 * slower than native code here; this addon is the thin native path between the two.
 *
 * Two batch calls, so that one JavaScript call does thousands of group operations:
 *   hashToGroup(msgs, offsets, dst, out)  RFC 9380 hash_to_ristretto255 with expand_message_xmd
 *                                         (SHA-512) of each message, 32 bytes each into out
 *   scalarmult(scalar, in, out) -> int    each 32-byte element times scalar; the index of the first
 *                                         element that is not a canonical ristretto255 encoding
 *                                         (or whose product is the identity), or -1 when all are good
 * Secrets: the scalar is read where it lies (the caller zeroes it); nothing is copied but libsodium's
 * own stack frames.
 */
#include <node_api.h>
#include <sodium.h>
#include <string.h>

#define ELEMENT_BYTES 32
#define UNIFORM_BYTES 64
#define SHA512_BYTES 64
#define SHA512_BLOCK 128

typedef struct {
  unsigned char *data;
  size_t length;
} bytes_t;

static int throw_type(napi_env env, const char *msg) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", msg);
  return 0;
}

/* Reads a Uint8Array (a Buffer is one) argument; anything else is a TypeError. */
static int get_u8(napi_env env, napi_value v, bytes_t *out) {
  bool is_ta = false;
  if (napi_is_typedarray(env, v, &is_ta) != napi_ok || !is_ta) return throw_type(env, "expected a Uint8Array");
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &offset) != napi_ok || type != napi_uint8_array)
    return throw_type(env, "expected a Uint8Array");
  out->data = (unsigned char *)data;
  out->length = length;
  return 1;
}

/* Reads a Uint32Array argument. */
static int get_u32(napi_env env, napi_value v, const uint32_t **out, size_t *count) {
  bool is_ta = false;
  if (napi_is_typedarray(env, v, &is_ta) != napi_ok || !is_ta) return throw_type(env, "expected a Uint32Array");
  napi_typedarray_type type;
  void *data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, count, &data, &ab, &offset) != napi_ok || type != napi_uint32_array)
    return throw_type(env, "expected a Uint32Array");
  *out = (const uint32_t *)data;
  return 1;
}

/*
 * expand_message_xmd(msg, DST, 64) with SHA-512 (RFC 9380 §5.3.1). len_in_bytes = 64 = b_in_bytes
 * makes ell = 1, so the output is b_1 = H(b_0 || 0x01 || DST_prime) with
 * b_0 = H(Z_pad || msg || I2OSP(64, 2) || 0x00 || DST_prime).
 */
static void expand_xmd_64(unsigned char uniform[UNIFORM_BYTES], const unsigned char *msg, size_t msg_len,
                          const unsigned char *dst_prime, size_t dst_prime_len) {
  static const unsigned char z_pad[SHA512_BLOCK] = {0};
  static const unsigned char l_i_b[3] = {0, UNIFORM_BYTES, 0}; /* I2OSP(64, 2) || I2OSP(0, 1) */
  static const unsigned char one[1] = {1};
  unsigned char b0[SHA512_BYTES];
  crypto_hash_sha512_state st;
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, z_pad, sizeof z_pad);
  crypto_hash_sha512_update(&st, msg, msg_len);
  crypto_hash_sha512_update(&st, l_i_b, sizeof l_i_b);
  crypto_hash_sha512_update(&st, dst_prime, dst_prime_len);
  crypto_hash_sha512_final(&st, b0);
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, b0, sizeof b0);
  crypto_hash_sha512_update(&st, one, sizeof one);
  crypto_hash_sha512_update(&st, dst_prime, dst_prime_len);
  crypto_hash_sha512_final(&st, uniform);
  sodium_memzero(b0, sizeof b0);
  sodium_memzero(&st, sizeof st);
}

static napi_value hash_to_group(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 4) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_COUNT", "hashToGroup(msgs, offsets, dst, out)");
    return NULL;
  }
  bytes_t msgs, dst, out;
  const uint32_t *offsets;
  size_t n_offsets;
  if (!get_u8(env, argv[0], &msgs) || !get_u32(env, argv[1], &offsets, &n_offsets) || !get_u8(env, argv[2], &dst) ||
      !get_u8(env, argv[3], &out))
    return NULL;
  if (n_offsets < 1 || dst.length < 1 || dst.length > 255 || out.length != (n_offsets - 1) * ELEMENT_BYTES) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "hashToGroup: 1 <= dst <= 255 bytes, out = 32 bytes per message");
    return NULL;
  }
  for (size_t i = 0; i + 1 < n_offsets; i++) {
    if (offsets[i] > offsets[i + 1] || offsets[i + 1] > msgs.length) {
      napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "hashToGroup: offsets must rise within msgs");
      return NULL;
    }
  }
  unsigned char dst_prime[256];
  memcpy(dst_prime, dst.data, dst.length);
  dst_prime[dst.length] = (unsigned char)dst.length;
  unsigned char uniform[UNIFORM_BYTES];
  for (size_t i = 0; i + 1 < n_offsets; i++) {
    expand_xmd_64(uniform, msgs.data + offsets[i], offsets[i + 1] - offsets[i], dst_prime, dst.length + 1);
    crypto_core_ristretto255_from_hash(out.data + i * ELEMENT_BYTES, uniform);
  }
  sodium_memzero(uniform, sizeof uniform);
  return NULL;
}

static napi_value scalarmult(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 3) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_COUNT", "scalarmult(scalar, in, out)");
    return NULL;
  }
  bytes_t scalar, in, out;
  if (!get_u8(env, argv[0], &scalar) || !get_u8(env, argv[1], &in) || !get_u8(env, argv[2], &out)) return NULL;
  if (scalar.length != crypto_scalarmult_ristretto255_SCALARBYTES || in.length % ELEMENT_BYTES != 0 ||
      out.length != in.length) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "scalarmult: a 32-byte scalar, in and out of equal 32-byte multiples");
    return NULL;
  }
  int32_t bad = -1;
  for (size_t i = 0; i < in.length / ELEMENT_BYTES; i++) {
    /* libsodium decodes the element (rejecting non-canonical encodings and non-group points) and
       refuses an identity result, returning -1 in both cases. */
    if (crypto_scalarmult_ristretto255(out.data + i * ELEMENT_BYTES, scalar.data, in.data + i * ELEMENT_BYTES) != 0) {
      bad = (int32_t)i;
      break;
    }
  }
  napi_value r;
  napi_create_int32(env, bad, &r);
  return r;
}

NAPI_MODULE_INIT() {
  if (sodium_init() < 0) {
    napi_throw_error(env, "ERR_SODIUM_INIT", "libsodium failed to initialise");
    return NULL;
  }
  napi_value fn;
  napi_create_function(env, "hashToGroup", NAPI_AUTO_LENGTH, hash_to_group, NULL, &fn);
  napi_set_named_property(env, exports, "hashToGroup", fn);
  napi_create_function(env, "scalarmult", NAPI_AUTO_LENGTH, scalarmult, NULL, &fn);
  napi_set_named_property(env, exports, "scalarmult", fn);
  napi_value version;
  napi_create_string_utf8(env, sodium_version_string(), NAPI_AUTO_LENGTH, &version);
  napi_set_named_property(env, exports, "libsodiumVersion", version);
  return exports;
}
